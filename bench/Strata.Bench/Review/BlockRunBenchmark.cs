using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Bench.Harness;
using Strata.Core;
using Strata.Core.Jobs;
using Strata.Core.Review;
using Strata.Core.Runs;
using Strata.Core.Users;
using Strata.FakeLlm;
using Strata.Formats;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Core.Extraction;
using Strata.Llm.Hosting;
using Strata.Sqlite;

namespace Strata.Bench.Review;

/// <summary>
/// A block schema run over one document of many blocks (10,000; 300 with --quick) with a fake model that answers at
/// once over real HTTP, on the embedded SQLite store, worked by one worker in this process. Blocks per second counts
/// from the start of the run (items created) to its completion; Strata's overhead per block is that time minus the
/// time the same model calls take when replayed alone, divided by the blocks.
/// </summary>
public sealed class BlockRunBenchmark : IBenchmark
{
    public string Name => "block-run";

    public string Description => "A block schema over 10,000 blocks with an instant fake model: blocks/s and overhead per block (goal < 1 ms)";

    private const string Schema = """
        {"schema_ref":"clause-review","properties":{"topic":{"type":"string"},"risk":{"type":"number"}},
         "prompt_config":{"max_blocks_per_call":10,"max_tokens_per_block":100}}
        """;

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var blocks = settings.Pick(10_000, 300);
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { RecordRequests = true });
        server.Script.Reply(FakeReply.EchoFields("""{"topic":"rent","risk":2}"""));
        using var workspace = new Workspace("block-run");
        var llm = new LlmOptions
        {
            Providers = new Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
            {
                ["fake"] = new("fake", ProviderKind.Anthropic, server.BaseUrl, new Strata.Llm.Calls.ApiKey("bench")),
            },
            DefaultModel = new ModelRef("fake", "claude-sonnet-4-5"),
        };
        var services = EmbeddedStrata.Open(workspace.Root, [new RulesInterpreter()], TimeProvider.System, new EmbeddedSettings
        {
            Documents = Strata.Formats.Documents.DocumentConverters.Default,
            Llm = LlmModels.Create(llm, new LlmRunOptions { ParallelPacks = 1 }, TimeProvider.System, NullLoggerFactory.Instance),
        });
        var user = (await services.Users.CreateAsync("bench", Plans.Enterprise, cancellationToken)).UserId;
        await services.Projects.CreateAsync(user, "Bench", cancellationToken);
        var text = string.Join("\n\n", Enumerable.Range(0, blocks).Select(i => string.Create(CultureInfo.InvariantCulture, $"Clause {i}: the tenant pays item {i}.")));
        var document = (await services.Documents.AddFileAsync(user, "Bench", new MemoryStream(Encoding.UTF8.GetBytes(text)), "bench.md", null, true,
            cancellationToken)).Document;
        using (var schema = JsonDocument.Parse(Schema)) await services.BlockSchemas.RegisterAsync(user, schema.RootElement, false, cancellationToken);

        // A first small document run warms up the code paths and the connection to the fake; it is not counted.
        var warmUp = (await services.Documents.AddFileAsync(user, "Bench", new MemoryStream("Warm up one.\n\nWarm up two.\n"u8.ToArray()), "warm.md", null, true,
            cancellationToken)).Document;
        await services.Review.StartRunAsync(user, warmUp.DocumentId, "clause-review", null, null, cancellationToken);
        var claim = new JobClaim("bench", [BlockRunJobHandler.Kind], TimeSpan.FromMinutes(5));
        while (await services.Jobs.RunNextAsync(claim, cancellationToken))
        {
        }
        var before = server.Requests.Count;

        var watch = Stopwatch.StartNew();
        var run = await services.Review.StartRunAsync(user, document.DocumentId, "clause-review", null, null, cancellationToken);
        while (await services.Jobs.RunNextAsync(claim, cancellationToken))
        {
        }
        watch.Stop();
        var done = await services.Review.GetRunAsync(user, run.Run.RunId, cancellationToken);
        var calls = server.Requests.Count - before;
        var replay = await ReplayAsync(server, before, cancellationToken);

        report.Figure("blocks", blocks, "blocks", "");
        report.Figure("calls", calls, "model calls", "");
        report.Figure("seconds", watch.Elapsed.TotalSeconds, "run (start to completed)", "s");
        report.Figure("blocks_per_s", blocks / watch.Elapsed.TotalSeconds, "throughput", "blocks/s");
        report.Figure("model_seconds", replay.TotalSeconds, "the same calls replayed alone", "s");
        report.Goal("overhead_ms_per_block", (watch.Elapsed - replay).TotalMilliseconds / blocks, "Strata overhead per block", "ms", 1, higherIsBetter: false);
        if (done.Status != RunStatuses.Completed || done.Counts.Staged != blocks)
        {
            report.Failures.Add($"the run ended {done.Status} with {done.Counts.Staged} of {blocks} blocks staged");
        }
        return report;
    }

    /// <summary>The model calls the run made, sent again one after another straight to the fake.</summary>
    private static async Task<TimeSpan> ReplayAsync(FakeLlmServer server, int skip, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var requests = server.Requests.Skip(skip).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, request.Path))
            {
                Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in request.Headers.Where(h => h.Key.StartsWith("x-", StringComparison.OrdinalIgnoreCase)
                || h.Key.Equals("anthropic-version", StringComparison.OrdinalIgnoreCase)))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await http.SendAsync(message, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        return watch.Elapsed;
    }
}
