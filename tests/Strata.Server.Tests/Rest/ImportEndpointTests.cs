using System.Net;
using System.Text;
using System.Text.Json;
using Strata.Core.Imports;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

/// <summary>Chat imports over REST: upload an export, read its status (also on the retired path, which says it is
/// deprecated and when it goes), and read MEMORY.md.</summary>
public abstract class ImportEndpointTests : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    private const string Export = """[{"uuid":"c1","name":"Coffee","created_at":"2024-01-05T08:00:00Z","chat_messages":[{"uuid":"m1","sender":"human","text":"I prefer oat milk.","created_at":"2024-01-05T08:00:00Z"}]}]""";

    private const string Messages = """{"conversation_id":"standup","message_id":"1","speaker":"ana","text":"Ship on Friday."}""";

    private RunningServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(backend: Backend, worker: false);
        _client = _server.Client(await _server.CreateUserAsync("alice"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task An_uploaded_export_is_imported_and_its_status_read_and_uploading_it_again_adds_nothing()
    {
        var body = HttpTesting.JsonBody($$"""{"provider":"claude","filename":"conversations.json","content_base64":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(Export))}}"}""");

        var created = await (await _client.PostAsync("/v1/imports", body)).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("import_id").GetString()!;
        var read = await (await _client.GetAsync($"/v1/imports/{id}")).JsonAsync();
        var again = await (await _client.PostAsync("/v1/imports", HttpTesting.JsonBody(
            $$"""{"provider":"claude","content_base64":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(Export))}}"}"""))).JsonAsync();

        Assert.Equal("quick_ready", created.GetProperty("status").GetString());
        Assert.Equal("claude", read.GetProperty("provider").GetString());
        Assert.Equal(1, read.GetProperty("counts").GetProperty("conversations").GetInt32());
        Assert.Equal(1, read.GetProperty("counts").GetProperty("messages").GetInt32());
        Assert.StartsWith("chat-", read.GetProperty("pipeline_version").GetString());
        Assert.Equal(0, again.GetProperty("counts").GetProperty("conversations_added").GetInt32());
        Assert.Equal(1, again.GetProperty("counts").GetProperty("conversations_unchanged").GetInt32());
    }

    [Fact]
    public async Task Imports_are_listed_newest_first_page_by_page_with_their_kind_status_and_error()
    {
        var ids = new List<string>();
        foreach (var (provider, content, answers) in new[] { ("claude", Export, HttpStatusCode.Created), ("messages", Messages, HttpStatusCode.Created),
            ("claude", "[{\"uuid\": ", HttpStatusCode.OK) })
        {
            var answer = await (await _client.PostAsync("/v1/imports", HttpTesting.JsonBody(
                $$"""{"provider":"{{provider}}","content_base64":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(content))}}"}"""))).JsonAsync(answers);
            ids.Add(answer.GetProperty("import_id").GetString()!);
        }

        var first = await (await _client.GetAsync("/v1/imports?limit=2&include_total=true")).JsonAsync();
        var rest = await (await _client.GetAsync($"/v1/imports?limit=2&cursor={Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!)}")).JsonAsync();

        var listed = first.GetProperty("imports").EnumerateArray().Concat(rest.GetProperty("imports").EnumerateArray()).ToList();
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next_cursor").ValueKind);
        Assert.Equal(Enumerable.Reverse(ids), listed.Select(i => i.GetProperty("import_id").GetString()));
        Assert.Equal(["claude", "messages", "claude"], listed.Select(i => i.GetProperty("kind").GetString()).Reverse());
        Assert.Equal(["failed", "quick_ready", "quick_ready"], listed.Select(i => i.GetProperty("status").GetString()));
        Assert.StartsWith("MALFORMED_CONTENT: ", listed[0].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, listed[1].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task An_import_whose_reader_died_is_ended_failed_as_interrupted_by_the_next_read_and_one_still_held_stays_processing()
    {
        var userId = (await _server.Services.Users.AuthenticateAsync(_client.DefaultRequestHeaders.Authorization!.Parameter!, CancellationToken.None))!.Id;
        var now = DateTimeOffset.UtcNow;
        ChatImport Processing(string id, int read, DateTimeOffset? leaseUntil) =>
            new(id, userId, "claude", ChatImportStatuses.Processing, "c.json", "chat-1", read, read, 0, read, 0, 0, null, null, now, now) { LeaseUntil = leaseUntil };
        await using (var session = await _server.Services.Store.OpenWriteAsync(userId, CancellationToken.None))
        {
            await session.ChatImports.InsertAsync(Processing("imp_00000000000000000000dead", 0, now.AddMinutes(-1)), CancellationToken.None);
            await session.ChatImports.InsertAsync(Processing("imp_00000000000000000000a1ve", 0, now.AddHours(1)), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        var dead = await (await _client.GetAsync("/v1/imports/imp_00000000000000000000dead")).JsonAsync();
        var listed = (await (await _client.GetAsync("/v1/imports")).JsonAsync()).GetProperty("imports").EnumerateArray()
            .ToDictionary(i => i.GetProperty("import_id").GetString()!, i => i.GetProperty("status").GetString());

        Assert.Equal("failed", dead.GetProperty("status").GetString());
        Assert.StartsWith("INTERRUPTED: The process reading the export stopped", dead.GetProperty("error").GetString());
        Assert.Equal("failed", listed["imp_00000000000000000000dead"]);
        Assert.Equal("processing", listed["imp_00000000000000000000a1ve"]);
    }

    [Fact]
    public async Task The_retired_status_path_answers_like_its_successor_with_deprecation_and_sunset_headers()
    {
        var created = await (await _client.PostAsync("/v1/imports", HttpTesting.JsonBody(
            $$"""{"provider":"claude","content_base64":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(Export))}}"}"""))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("import_id").GetString()!;

        var current = await _client.GetAsync($"/v1/imports/{id}");
        var retired = await _client.GetAsync($"/v1/chat-imports/{id}");

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal(await current.Content.ReadAsStringAsync(), await retired.Content.ReadAsStringAsync());
        Assert.False(current.Headers.Contains("Deprecation"));
        Assert.Equal("@1793491200", Assert.Single(retired.Headers.GetValues("Deprecation")));
        Assert.Equal("Sat, 01 May 2027 00:00:00 GMT", Assert.Single(retired.Headers.GetValues("Sunset")));
        Assert.Equal($"</v1/imports/{id}>; rel=\"successor-version\"", Assert.Single(retired.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task Memory_is_served_with_every_section_and_an_empty_one_says_nothing_yet()
    {
        await (await _client.PostAsync("/v1/entities", HttpTesting.JsonBody(
            """{"entities":[{"entity_type":"preference","topic":"coffee","value":"oat milk"},{"entity_type":"project","name":"Strata","description":"a memory server"}]}"""))).JsonAsync();

        var memory = await (await _client.GetAsync("/v1/memory?token_budget=500")).JsonAsync();
        var markdown = memory.GetProperty("markdown").GetString()!;

        foreach (var section in new[] { "Profile", "Preferences", "Projects", "People", "Important Dates", "Beliefs & Values", "Decisions & Context" })
        {
            Assert.Contains($"## {section}\n", markdown);
        }
        Assert.Contains("- coffee: oat milk ([ent_", markdown);
        Assert.Contains("- **Strata**: a memory server ([ent_", markdown);
        Assert.Contains("## People\n\nNothing yet.", markdown);
        Assert.Equal(500, memory.GetProperty("token_budget").GetInt32());
        Assert.InRange(memory.GetProperty("tokens").GetInt32(), 1, 500);
    }
}

public sealed class ImportEndpointTestsOnSqlite : ImportEndpointTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class ImportEndpointTestsOnPostgres : ImportEndpointTests
{
    protected override Backend Backend => Backend.Postgres;
}
