using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Llm;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Jobs;
using Strata.Core.Operations;
using Strata.Core.Review;
using Strata.FakeLlm;
using Strata.Core.Extraction.Packing;
using Strata.Core.Extraction;

namespace Strata.Acceptance.Tests.Review;

/// <summary>A Strata with the fake model, a user with a project, and helpers to add a document of N paragraphs, register
/// the test's block schema and work on block runs with one or more workers.</summary>
public sealed class ReviewFixture : IAsyncDisposable
{
    public static readonly CancellationToken None = CancellationToken.None;

    public const string SchemaRef = "clause-review";

    public const string SchemaJson = """
        {"schema_ref":"clause-review","description":"What a clause is about and how risky it is.",
         "properties":{"topic":{"type":"string","description":"What the clause is about."},
                       "risk":{"type":"number","description":"1 (low) to 5 (high)."},
                       "kind":{"type":"string","enum":["payment","term","other"]}},
         "required":["topic","risk"],
         "prompt_config":{"system":"You review contracts.","block_prompt":"Judge each clause.","max_blocks_per_call":10,"max_tokens_per_block":200}}
        """;

    /// <summary>What the fake answers for every block unless a rule says otherwise.</summary>
    public const string Answer = """{"topic":"rent","risk":2,"kind":"payment"}""";

    private ReviewFixture(FakeLlmServer server, TestStrata strata)
    {
        Server = server;
        Strata = strata;
    }

    public FakeLlmServer Server { get; }

    public TestStrata Strata { get; }

    public string User { get; private set; } = "";

    public string ProjectId { get; private set; } = "";

    public static async Task<ReviewFixture> StartAsync(string backend, string format = FakeProvider.Anthropic)
    {
        var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.EchoFields(Answer));
        var options = new LlmRunOptions { ParallelPacks = 2, Packs = new PackCaps(10, 6_000, 3_000), SlotPoll = TimeSpan.FromMilliseconds(10) };
        var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, format, options));
        var fixture = new ReviewFixture(server, strata);
        fixture.User = await strata.UserAsync("alice");
        fixture.ProjectId = (await strata.Services.Projects.CreateAsync(fixture.User, "Contracts", None)).ProjectId;
        return fixture;
    }

    /// <summary>A fixture with one document of <paramref name="blocks"/> paragraphs, the test's schema registered and a run of it
    /// over the document whose blocks are all answered (staged).</summary>
    public static async Task<(ReviewFixture Review, string Document, string RunId)> WithRunAsync(string backend, int blocks)
    {
        var review = await StartAsync(backend);
        var document = await review.AddDocumentAsync("lease.md", Paragraphs(blocks));
        await review.RegisterSchemaAsync();
        var started = await review.Strata.Services.Review.StartRunAsync(review.User, document, SchemaRef, null, null, None);
        await review.WorkAsync();
        return (review, document, started.Run.RunId);
    }

    public static string Paragraphs(int count, string who = "The tenant") =>
        string.Join("\n\n", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"Clause {i:D3}: {who} pays item {i}."))) + "\n";

    public async Task<string> AddDocumentAsync(string name, string text, string? user = null, string? project = null) =>
        (await Strata.Services.Documents.AddFileAsync(user ?? User, project ?? ProjectId, new MemoryStream(Encoding.UTF8.GetBytes(text)), name, null,
            wait: true, None)).Document.DocumentId;

    public Task<RegisterBlockSchemaResult> RegisterSchemaAsync(string? user = null, string json = SchemaJson, bool newVersion = false) =>
        Strata.Services.BlockSchemas.RegisterAsync(user ?? User, Parse(json), newVersion, None);

    /// <summary>Works on every due job with <paramref name="workers"/> workers at once until none is left.</summary>
    public async Task WorkAsync(int workers = 1)
    {
        var loops = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var claim = new JobClaim($"worker-{w}", Strata.Services.Jobs.Kinds, TimeSpan.FromMinutes(5));
            while (await Strata.Services.Jobs.RunNextAsync(claim, None))
            {
            }
        }));
        await Task.WhenAll(loops);
    }

    public async Task<List<BlockValueView>> ValuesAsync(string runId, string? state = null, string? user = null)
    {
        var all = new List<BlockValueView>();
        string? cursor = null;
        do
        {
            var page = await Strata.Services.Review.ListValuesAsync(user ?? User, runId, state, new Core.Paging(100, 0, cursor), None);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Strata.Dispose();
        await Server.DisposeAsync();
    }
}
