using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Mcp;

/// <summary>The official C# MCP client over streamable HTTP, on SQLite and on PostgreSQL (the derived classes).</summary>
public abstract class McpHttpToolTests : IAsyncLifetime
{
    public static readonly string[] ToolNames =
    [
        "ingest", "ingest_structured", "reinterpret", "correct", "merge_entities", "split_entity", "unmerge", "reresolve", "retrieve_entities", "get_entity_snapshot",
        "list_observations", "get_field_provenance", "list_timeline_events", "list_relations", "get_neighbourhood", "find_path", "list_sources", "list_runs", "get_run", "list_run_items", "cancel_run", "register_schema",
        "list_schemas", "get_usage", "list_potential_duplicates", "dismiss_duplicate", "get_source_content", "submit_interpretation",
        "list_models", "set_default_model", "set_provider_key", "list_provider_keys", "remove_provider_key",
        "register_block_schema", "list_block_schemas", "get_block_schema", "delete_block_schema", "run_block_schema", "get_block_run",
        "list_block_runs", "cancel_block_run", "delete_block_run", "list_block_values", "get_block_value", "confirm_block_value",
        "reject_block_value", "edit_block_value", "confirm_all_staged", "confirm_matching_values", "reject_matching_values", "apply_bulk_change", "undo_bulk_change", "retry_failed_blocks", "apply_block_schema", "run_pending_blocks",
        "get_review_progress",
        "import_chat", "get_import", "list_imports", "resume_import", "get_chat_evidence", "get_memory", "recall", "recall_status",
        "create_project", "list_projects", "get_project", "rename_project", "delete_project", "add_document", "list_documents", "get_document",
        "delete_document", "list_blocks", "get_block", "preview_deletion", "list_deletions",
        "delete_entity", "delete_observation", "delete_source",
        "add_webhook", "list_webhooks", "remove_webhook", "list_webhook_deliveries",
        "export",
    ];

    private RunningServer _server = null!;
    private McpClient _client = null!;
    private string _aliceKey = "";

    protected abstract Backend Backend { get; }

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(backend: Backend);
        _aliceKey = await _server.CreateUserAsync("alice");
        _client = await McpConnections.OverHttpAsync(_server, _aliceKey);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Every_tool_is_listed_by_its_exact_name_with_object_input_schemas()
    {
        var tools = await _client.ListToolsAsync();

        Assert.Equal(ToolNames.Order(), tools.Select(t => t.Name).Order());
        foreach (var tool in tools)
        {
            Assert.Equal("object", tool.JsonSchema.GetProperty("type").GetString());
            Assert.False(tool.JsonSchema.GetProperty("additionalProperties").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
            Assert.Equal("object", tool.ProtocolTool.OutputSchema!.Value.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Every_session_of_every_user_lists_the_same_tools()
    {
        // The tools over HTTP are described once per process and shared by the sessions: another user's session, and a
        // session opened after a list was answered, see exactly what the first saw.
        var first = await _client.ListToolsAsync();
        await using var bob = await McpConnections.OverHttpAsync(_server, await _server.CreateUserAsync("bob"));
        await using var aliceAgain = await McpConnections.OverHttpAsync(_server, _aliceKey);

        var expected = Describe(first);
        Assert.Equal(expected, Describe(await bob.ListToolsAsync()));
        Assert.Equal(expected, Describe(await aliceAgain.ListToolsAsync()));
        Assert.Equal(expected, Describe(await _client.ListToolsAsync()));
    }

    private static string Describe(IEnumerable<McpClientTool> tools) =>
        string.Join("\n", tools.Select(t => JsonSerializer.Serialize(t.ProtocolTool, McpJsonUtilities.DefaultOptions)));

    [Theory]
    [InlineData("ingest", false, false, true)]
    [InlineData("ingest_structured", false, false, true)]
    [InlineData("reinterpret", false, false, false)]
    [InlineData("correct", false, false, true)]
    [InlineData("merge_entities", false, true, true)]
    [InlineData("register_schema", false, false, true)]
    [InlineData("retrieve_entities", true, false, true)]
    [InlineData("get_entity_snapshot", true, false, true)]
    [InlineData("list_observations", true, false, true)]
    [InlineData("get_field_provenance", true, false, true)]
    [InlineData("list_timeline_events", true, false, true)]
    [InlineData("list_sources", true, false, true)]
    [InlineData("list_runs", true, false, true)]
    [InlineData("get_run", true, false, true)]
    [InlineData("list_run_items", true, false, true)]
    [InlineData("cancel_run", false, true, true)]
    [InlineData("list_schemas", true, false, true)]
    [InlineData("get_usage", true, false, true)]
    [InlineData("list_potential_duplicates", true, false, true)]
    [InlineData("dismiss_duplicate", false, true, true)]
    [InlineData("register_block_schema", false, false, true)]
    [InlineData("delete_block_schema", false, true, false)]
    [InlineData("run_block_schema", false, false, false)]
    [InlineData("list_block_values", true, false, true)]
    [InlineData("cancel_block_run", false, true, true)]
    [InlineData("reject_block_value", false, true, false)]
    [InlineData("confirm_all_staged", false, false, true)]
    [InlineData("confirm_matching_values", false, false, true)]
    [InlineData("reject_matching_values", false, true, false)]
    [InlineData("apply_bulk_change", false, false, false)]
    [InlineData("undo_bulk_change", false, true, false)]
    [InlineData("import_chat", false, false, true)]
    [InlineData("get_import", true, false, true)]
    [InlineData("list_imports", true, false, true)]
    [InlineData("resume_import", false, false, true)]
    [InlineData("get_chat_evidence", true, false, true)]
    [InlineData("get_memory", true, false, true)]
    [InlineData("delete_entity", false, true, false)]
    [InlineData("delete_observation", false, true, false)]
    [InlineData("delete_source", false, true, false)]
    [InlineData("recall", true, false, true)]
    [InlineData("recall_status", true, false, true)]
    [InlineData("preview_deletion", true, false, true)]
    [InlineData("add_webhook", false, false, false)]
    [InlineData("list_webhooks", true, false, true)]
    [InlineData("remove_webhook", false, true, false)]
    [InlineData("list_webhook_deliveries", true, false, true)]
    [InlineData("export", true, false, true)]
    public async Task Each_tool_is_annotated_with_what_it_really_does(string name, bool readOnly, bool destructive, bool idempotent)
    {
        var tool = (await _client.ListToolsAsync()).Single(t => t.Name == name).ProtocolTool;

        Assert.Equal(readOnly, tool.Annotations!.ReadOnlyHint);
        Assert.Equal(destructive, tool.Annotations.DestructiveHint);
        Assert.Equal(idempotent, tool.Annotations.IdempotentHint);
        Assert.False(tool.Annotations.OpenWorldHint);
    }

    [Fact]
    public async Task A_result_is_the_record_as_structured_content_and_the_same_JSON_as_text()
    {
        var result = await _client.CallAsync("ingest",
            $$"""{"content_base64":"{{Samples.Base64(Samples.PeopleCsv)}}","filename":"people.csv","entity_type":"contact"}""");

        var structured = result.Structured();
        Assert.Equal("text/csv", structured.GetProperty("mime_type").GetString());
        Assert.Equal(2, structured.GetProperty("interpretation").GetProperty("entities_total").GetInt32());
        Samples.AssertSameJson(structured.GetRawText(), McpConnections.Text(result));
    }

    [Fact]
    public async Task A_refused_operation_is_a_tool_error_with_its_stable_code_and_message()
    {
        var result = await _client.CallAsync("get_entity_snapshot", """{"entity_id":"ent_000000000000000000000000"}""");

        Assert.True(result.IsError);
        Assert.Equal("ENTITY_NOT_FOUND", result.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Contains("ent_000000000000000000000000", result.StructuredContent.Value.GetProperty("message").GetString());
        Assert.StartsWith("ENTITY_NOT_FOUND:", McpConnections.Text(result));
    }

    [Theory]
    [InlineData("correct", """{"entity_id":"ent_x","field":"name"}""", "'value' is required")]
    [InlineData("list_sources", """{"limit":"ten"}""", "'limit' must be an integer")]
    [InlineData("list_sources", """{"owner":"bob"}""", "Unknown argument 'owner'")]
    [InlineData("ingest", """{"path":"/etc/passwd"}""", "Unknown argument 'path'")]
    [InlineData("ingest", """{"content_base64":"%%%"}""", "not valid base64")]
    [InlineData("ingest", """{}""", "'content_base64' is required")]
    [InlineData("retrieve_entities", """{"cursor":"not-a-cursor"}""", "cursor is not a cursor of this entities list")]
    [InlineData("list_sources", """{"cursor":"x","offset":5}""", "either cursor or offset")]
    public async Task Bad_arguments_are_a_VALIDATION_FAILED_tool_error_that_says_what_to_change(string tool, string arguments, string says)
    {
        var result = await _client.CallAsync(tool, arguments);

        Assert.True(result.IsError);
        Assert.Equal("VALIDATION_FAILED", result.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Contains(says, result.StructuredContent.Value.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Retrieve_entities_pages_by_cursor_until_next_cursor_is_null()
    {
        await _client.CallAsync("ingest_structured", """
            {"entities":[{"entity_type":"contact","name":"Ada One","email":"one@example.com"},{"entity_type":"contact","name":"Bo Two","email":"two@example.com"},
            {"entity_type":"contact","name":"Cy Three","email":"three@example.com"},{"entity_type":"contact","name":"Di Four","email":"four@example.com"},
            {"entity_type":"contact","name":"Ed Five","email":"five@example.com"}]}
            """);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var arguments = cursor is null ? """{"limit":2}""" : $$"""{"limit":2,"cursor":"{{cursor}}"}""";
            var page = (await _client.CallAsync("retrieve_entities", arguments)).Structured();
            seen.AddRange(page.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity_id").GetString()!));
            Assert.Equal(JsonValueKind.Null, page.GetProperty("total").ValueKind);
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task A_file_over_the_limit_sent_as_base64_is_a_FILE_TOO_LARGE_tool_error_and_stores_nothing()
    {
        await using var small = await RunningServer.StartAsync(maxUploadBytes: 1024, backend: Backend);
        await using var client = await McpConnections.OverHttpAsync(small, await small.CreateUserAsync("alice"));

        var result = await client.CallAsync("ingest", $$"""{"content_base64":"{{Samples.Base64(new string('x', 4096))}}","filename":"big.txt"}""");

        Assert.True(result.IsError);
        Assert.Equal("FILE_TOO_LARGE", result.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Equal(0, (await client.CallAsync("list_sources", """{"include_total":true}""")).Structured().GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Over_HTTP_the_ingest_tool_offers_no_path_argument()
    {
        var ingest = (await _client.ListToolsAsync()).Single(t => t.Name == "ingest");

        Assert.False(ingest.JsonSchema.GetProperty("properties").TryGetProperty("path", out _));
        Assert.True(ingest.JsonSchema.GetProperty("properties").TryGetProperty("content_base64", out _));
    }

    [Fact]
    public async Task An_unknown_tool_is_a_protocol_error()
    {
        await Assert.ThrowsAnyAsync<McpException>(() => _client.CallAsync("delete_everything"));
    }

    [Fact]
    public async Task An_entity_snapshot_is_readable_as_a_resource_with_the_tools_JSON()
    {
        var stored = (await _client.CallAsync("ingest_structured", $$"""{"entities":{{Samples.StructuredEntities}}}""")).Structured();
        var id = stored.GetProperty("entities")[0].GetProperty("entity_id").GetString();

        var templates = await _client.ListResourceTemplatesAsync();
        var listed = await _client.ListResourcesAsync();
        var resource = await _client.ReadResourceAsync($"strata://entities/{id}");
        var snapshot = (await _client.CallAsync("get_entity_snapshot", $$"""{"entity_id":"{{id}}"}""")).Structured();

        Assert.Contains(templates, t => t.UriTemplate == "strata://entities/{id}");
        Assert.Contains(listed, r => r.Uri == $"strata://entities/{id}");
        var text = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(resource.Contents));
        Assert.Equal("application/json", text.MimeType);
        Samples.AssertSameJson(snapshot.GetRawText(), text.Text);
    }

    [Fact]
    public async Task An_entitys_neighbourhood_is_readable_as_a_resource_with_the_tools_JSON()
    {
        var stored = (await _client.CallAsync("ingest_structured", """
            {"entities":[{"entity_type":"contact","name":"Ada Lovelace"},{"entity_type":"company","name":"Analytical Engines"}],
             "relations":[{"from":0,"relation_type":"works_at","to":1}]}
            """)).Structured();
        var id = stored.GetProperty("entities")[0].GetProperty("entity_id").GetString();

        var templates = await _client.ListResourceTemplatesAsync();
        var resource = await _client.ReadResourceAsync($"strata://graph/{id}");
        var tool = (await _client.CallAsync("get_neighbourhood", $$"""{"entity_id":"{{id}}"}""")).Structured();

        Assert.Contains(templates, t => t.UriTemplate == "strata://graph/{id}");
        var text = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(resource.Contents));
        Assert.Equal("application/json", text.MimeType);
        using var read = JsonDocument.Parse(text.Text);
        // The same record as the tool's but for the moment each was asked at.
        Samples.AssertSameJson(tool.GetProperty("nodes").GetRawText(), read.RootElement.GetProperty("nodes").GetRawText());
        Samples.AssertSameJson(tool.GetProperty("edges").GetRawText(), read.RootElement.GetProperty("edges").GetRawText());
        Assert.Equal("Analytical Engines", read.RootElement.GetProperty("edges")[0].GetProperty("to_name").GetString());
    }

    [Fact]
    public async Task The_whole_graph_is_a_listed_resource_read_a_bounded_page_at_a_time_with_as_of()
    {
        // 101 people in a chain (each knows the next), and one relation that ended in 2020: more than one page of entities.
        var people = string.Join(",", Enumerable.Range(0, 101).Select(i => $$"""{"entity_type":"contact","name":"Person {{i:D3}}"}"""));
        var chain = string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{"from":{{i}},"relation_type":"knows","to":{{i + 1}}}"""));
        await _client.CallAsync("ingest_structured", $$"""
            {"entities":[{{people}}],"relations":[{{chain}},
             {"from":100,"relation_type":"mentored","to":0,"valid_from":"2019-01-01T00:00:00Z","valid_to":"2020-01-01T00:00:00Z"}]}
            """);

        var listed = await _client.ListResourcesAsync();
        Assert.Contains(listed, r => r.Uri == "strata://graph" && r.MimeType == "application/json");

        async Task<JsonElement> ReadAsync(string uri)
        {
            var read = await _client.ReadResourceAsync(uri);
            var text = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(read.Contents));
            Assert.Equal("application/json", text.MimeType);
            return JsonDocument.Parse(text.Text).RootElement.Clone();
        }
        var pages = new List<JsonElement> { await ReadAsync("strata://graph") };
        while (pages[^1].TryGetProperty("next_uri", out var next) && next.ValueKind == JsonValueKind.String)
        {
            Assert.True(pages.Count < 5, "the pages never ended");
            pages.Add(await ReadAsync(next.GetString()!));
        }

        Assert.Equal([100, 1], pages.Select(p => p.GetProperty("entities").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal((100, 5000), (p.GetProperty("page_size").GetInt32(), p.GetProperty("max_relations").GetInt32())));
        var entities = pages.SelectMany(p => p.GetProperty("entities").EnumerateArray()).ToList();
        Assert.Equal(101, entities.Select(e => e.GetProperty("entity_id").GetString()).Distinct().Count());
        // Every current relation once, on the page of its from end; the ended one left out.
        var relations = pages.SelectMany(p => p.GetProperty("relations").EnumerateArray()
            .Select(r => (Page: p, From: r.GetProperty("from_name").GetString()!, Type: r.GetProperty("relation_type").GetString()!, To: r.GetProperty("to_name").GetString()!)))
            .ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"Person {i:D3} knows Person {i + 1:D3}").Order(),
            relations.Select(r => $"{r.From} {r.Type} {r.To}").Order());
        Assert.All(relations, r => Assert.Contains(r.Page.GetProperty("entities").EnumerateArray(), e => e.GetProperty("name").GetString() == r.From));
        Assert.All(pages, p => Assert.False(p.GetProperty("relation_limit_reached").GetBoolean()));

        // As of 2019 the mentoring held, and the next page keeps the time asked.
        var then = new List<JsonElement> { await ReadAsync("strata://graph?as_of=2019-06-01T00:00:00Z") };
        then.Add(await ReadAsync(then[0].GetProperty("next_uri").GetString()!));
        Assert.Contains("as_of=2019-06-01", then[0].GetProperty("next_uri").GetString());
        Assert.Contains(then.SelectMany(p => p.GetProperty("relations").EnumerateArray()), r => r.GetProperty("relation_type").GetString() == "mentored");
        Assert.All(then, p => Assert.StartsWith("2019-06-01", p.GetProperty("as_of").GetString()));

        var bad = await Assert.ThrowsAnyAsync<ModelContextProtocol.McpException>(() => _client.ReadResourceAsync("strata://graph?cursor=nonsense").AsTask());
        Assert.Contains("VALIDATION_FAILED", bad.Message);
    }

    [Fact]
    public async Task Entity_ids_complete_by_name_and_by_id_prefix_for_the_resource_template_only()
    {
        var stored = (await _client.CallAsync("ingest_structured", $$"""{"entities":{{Samples.StructuredEntities}}}""")).Structured();
        var bookId = stored.GetProperty("entities")[0].GetProperty("entity_id").GetString()!;
        var template = new ModelContextProtocol.Protocol.ResourceTemplateReference { Uri = "strata://entities/{id}" };

        var byName = await _client.CompleteAsync(template, "id", "sketch");
        var byId = await _client.CompleteAsync(template, "id", bookId[..8]);
        var nothing = await _client.CompleteAsync(template, "id", "zzzz-nobody");
        var prompt = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() =>
            _client.CompleteAsync(new ModelContextProtocol.Protocol.PromptReference { Name = "any" }, "x", "a").AsTask());

        Assert.Equal([bookId], byName.Completion.Values);
        Assert.Contains(bookId, byId.Completion.Values);
        Assert.All(byId.Completion.Values, v => Assert.StartsWith(bookId[..8], v));
        Assert.Empty(nothing.Completion.Values);
        Assert.Equal(ModelContextProtocol.McpErrorCode.InvalidParams, prompt.ErrorCode);
    }

    [Fact]
    public async Task Reading_a_missing_entity_resource_is_an_error()
    {
        await Assert.ThrowsAnyAsync<McpException>(() => _client.ReadResourceAsync("strata://entities/ent_000000000000000000000000").AsTask());
    }

    [Fact]
    public async Task Every_tool_can_be_called_in_a_real_sequence()
    {
        Assert.True((await _client.CallAsync("register_schema", $$"""{"schema":{{Samples.BookSchema}}}""")).Structured().GetProperty("created").GetBoolean());
        var ingest = (await _client.CallAsync("ingest",
            $$"""{"content_base64":"{{Samples.Base64(Samples.PeopleCsv)}}","filename":"people.csv","entity_type":"contact"}""")).Structured();
        var sourceId = ingest.GetProperty("source_id").GetString();
        var stored = (await _client.CallAsync("ingest_structured", $$"""{"entities":{{Samples.StructuredEntities}},"idempotency_key":"k1"}""")).Structured();
        var adaKing = stored.GetProperty("entities")[1].GetProperty("entity_id").GetString();
        var ada = (await _client.CallAsync("retrieve_entities", """{"query":"Lovelace","entity_type":"contact"}""")).Structured()
            .GetProperty("entities")[0].GetProperty("entity_id").GetString();

        var called = new Dictionary<string, JsonElement>
        {
            ["reinterpret"] = (await _client.CallAsync("reinterpret", $$"""{"source_id":"{{sourceId}}"}""")).Structured(),
            ["correct"] = (await _client.CallAsync("correct", $$"""{"entity_id":"{{ada}}","field":"title","value":"Countess","reason":"peerage"}""")).Structured(),
            ["merge_entities"] = (await _client.CallAsync("merge_entities", $$"""{"from_entity_id":"{{adaKing}}","to_entity_id":"{{ada}}"}""")).Structured(),
            ["get_entity_snapshot"] = (await _client.CallAsync("get_entity_snapshot", $$"""{"entity_id":"{{adaKing}}"}""")).Structured(),
            ["list_observations"] = (await _client.CallAsync("list_observations", $$"""{"entity_id":"{{ada}}","limit":10,"include_total":true}""")).Structured(),
            ["get_field_provenance"] = (await _client.CallAsync("get_field_provenance", $$"""{"entity_id":"{{ada}}","field":"title"}""")).Structured(),
            ["list_timeline_events"] = (await _client.CallAsync("list_timeline_events", """{"from":"1800-01-01"}""")).Structured(),
            ["list_sources"] = (await _client.CallAsync("list_sources", """{"include_total":true}""")).Structured(),
            ["list_runs"] = (await _client.CallAsync("list_runs", $$"""{"source_id":"{{sourceId}}","include_total":true}""")).Structured(),
            ["list_schemas"] = (await _client.CallAsync("list_schemas")).Structured(),
            ["get_usage"] = (await _client.CallAsync("get_usage")).Structured(),
        };
        // The periodic scan, run now: Alan and his misspelt twin (same birthday) are the one pair.
        var alan = (await _client.CallAsync("retrieve_entities", """{"query":"Turing","entity_type":"contact"}""")).Structured()
            .GetProperty("entities")[0].GetProperty("entity_id").GetString();
        await _client.CallAsync("ingest_structured", $$"""{"entities":{{Samples.AlanTwin}}}""");
        var alice = (await _server.Services.Users.AuthenticateAsync(_aliceKey, CancellationToken.None))!.Id;
        await _server.Services.Duplicates.ScanAsync(alice, CancellationToken.None);
        var pairs = (await _client.CallAsync("list_potential_duplicates", """{"entity_type":"contact"}""")).Structured();
        var pair = Assert.Single(pairs.GetProperty("duplicates").EnumerateArray());
        var dismissed = (await _client.CallAsync("dismiss_duplicate", JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["entity_a"] = pair.GetProperty("entity_b").GetProperty("entity_id").GetString(),
            ["entity_b"] = pair.GetProperty("entity_a").GetProperty("entity_id").GetString(),
        }))).Structured();

        Assert.Equal("completed", called["reinterpret"].GetProperty("status").GetString());
        Assert.Equal("Countess", called["correct"].GetProperty("value").GetString());
        Assert.Equal(ada, called["get_entity_snapshot"].GetProperty("entity_id").GetString());
        Assert.Equal(adaKing, called["get_entity_snapshot"].GetProperty("redirected_from").GetString());
        Assert.Equal("Countess", called["get_entity_snapshot"].GetProperty("fields").GetProperty("title").GetString());
        Assert.True(called["list_observations"].GetProperty("total").GetInt32() >= 3);
        Assert.Equal("peerage", called["get_field_provenance"].GetProperty("observation").GetProperty("reason").GetString());
        Assert.Contains(called["list_timeline_events"].GetProperty("events").EnumerateArray(), e => e.GetProperty("date").GetString() == "1843-09-01");
        Assert.Equal(2, called["list_sources"].GetProperty("total").GetInt32());
        Assert.Equal(2, called["list_runs"].GetProperty("total").GetInt32());
        Assert.Contains(called["list_schemas"].GetProperty("schemas").EnumerateArray(), s => s.GetProperty("entity_type").GetString() == "book");
        Assert.Equal(2, called["get_usage"].GetProperty("interpretations_this_month").GetInt32());
        Assert.Equal("agree", pair.GetProperty("reasons").GetProperty("birthday").GetString());
        Assert.InRange(pair.GetProperty("reasons").GetProperty("name").GetDouble(), 0.9, 0.99);
        Assert.Equal("disagree", pair.GetProperty("reasons").GetProperty("email").GetString());
        Assert.Contains(alan, new[] { pair.GetProperty("entity_a").GetProperty("entity_id").GetString(), pair.GetProperty("entity_b").GetProperty("entity_id").GetString() });
        Assert.Equal("dismissed", dismissed.GetProperty("status").GetString());
        Assert.Equal(0, (await _client.CallAsync("list_potential_duplicates", """{"include_total":true}""")).Structured().GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_ingest_with_wait_false_answers_with_the_queued_run_and_the_servers_worker_completes_it()
    {
        var ingest = (await _client.CallAsync("ingest",
            $$"""{"content_base64":"{{Samples.Base64(Samples.PeopleCsv)}}","filename":"people.csv","entity_type":"contact","wait":false}""")).Structured();
        var interpretation = ingest.GetProperty("interpretation");
        var runId = interpretation.GetProperty("run_id").GetString();

        Assert.Equal("pending", interpretation.GetProperty("status").GetString());
        Assert.False(interpretation.TryGetProperty("entities", out _));
        Assert.Contains("list_runs", interpretation.GetProperty("reason").GetString());
        await Eventually.CompletedRunAsync(async () =>
            (await _client.CallAsync("list_runs", $$"""{"source_id":"{{ingest.GetProperty("source_id").GetString()}}"}""")).Structured(), runId!);
        var contacts = (await _client.CallAsync("retrieve_entities", """{"entity_type":"contact","include_total":true}""")).Structured();
        Assert.Equal(2, contacts.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Dismissing_a_pair_that_was_never_suggested_is_a_DUPLICATE_NOT_FOUND_tool_error()
    {
        var result = await _client.CallAsync("dismiss_duplicate", """{"entity_a":"ent_000000000000000000000001","entity_b":"ent_000000000000000000000002"}""");

        Assert.True(result.IsError);
        Assert.Equal("DUPLICATE_NOT_FOUND", result.StructuredContent!.Value.GetProperty("code").GetString());
    }
}

public sealed class McpHttpToolTestsOnSqlite : McpHttpToolTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class McpHttpToolTestsOnPostgres : McpHttpToolTests
{
    protected override Backend Backend => Backend.Postgres;
}
