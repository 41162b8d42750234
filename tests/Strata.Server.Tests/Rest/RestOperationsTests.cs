using System.Net;
using System.Text.Json;
using Strata.Server.Rest;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

public abstract class RestOperationsTests : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    private RunningServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(backend: Backend);
        _client = _server.Client(await _server.CreateUserAsync("alice"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_deletion_preview_names_exactly_one_of_project_or_document_and_deletes_nothing()
    {
        (await _client.PostAsync("/v1/projects", HttpTesting.JsonBody("""{"name":"Previewed"}"""))).EnsureSuccessStatusCode();

        foreach (var query in new[] { "", "?project=Previewed&document_id=doc_000000000000000000000000", "?project=%20" })
        {
            Assert.Equal("VALIDATION_FAILED", await (await _client.GetAsync($"/v1/deletions/preview{query}")).ProblemCodeAsync(HttpStatusCode.BadRequest));
        }
        var preview = await (await _client.GetAsync("/v1/deletions/preview?project=Previewed")).JsonAsync();

        Assert.Equal(("project", "Previewed", 0), (preview.GetProperty("deleting").GetString(), preview.GetProperty("name").GetString(),
            preview.GetProperty("counts").GetProperty("documents").GetInt32()));
        Assert.Equal("No value was confirmed: no entity changes.", preview.GetProperty("entities").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v1/projects/Previewed")).StatusCode);
    }

    [Fact]
    public async Task A_correction_outranks_the_ingested_value_and_its_provenance_says_so()
    {
        var ada = await AdaIdAsync();

        var correction = await (await _client.PostAsync($"/v1/entities/{ada}/corrections",
            HttpTesting.JsonBody("""{"field":"name","value":"Augusta Ada King","reason":"full name"}"""))).JsonAsync();
        var snapshot = await (await _client.GetAsync($"/v1/entities/{ada}")).JsonAsync();
        var provenance = await (await _client.GetAsync($"/v1/entities/{ada}/provenance/name")).JsonAsync();

        Assert.Equal(1000, correction.GetProperty("priority").GetInt32());
        Assert.Equal("Augusta Ada King", snapshot.GetProperty("fields").GetProperty("name").GetString());
        Assert.Equal(correction.GetProperty("observation_id").GetString(), provenance.GetProperty("observation").GetProperty("observation_id").GetString());
        Assert.Equal("full name", provenance.GetProperty("observation").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_snapshot_at_a_past_time_shows_the_value_before_a_later_correction()
    {
        var ada = await AdaIdAsync();
        var before = (await (await _client.GetAsync($"/v1/entities/{ada}")).JsonAsync()).GetProperty("updated_at").GetDateTimeOffset();
        await (await _client.PostAsync($"/v1/entities/{ada}/corrections", HttpTesting.JsonBody("""{"field":"name","value":"A. A. King"}"""))).JsonAsync();

        var then = await (await _client.GetAsync($"/v1/entities/{ada}?at={Uri.EscapeDataString(before.ToString("O"))}")).JsonAsync();

        Assert.Equal("Ada Lovelace", then.GetProperty("fields").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_merged_entity_redirects_to_the_one_it_was_merged_into()
    {
        var ada = await AdaIdAsync();
        var stored = await (await _client.PostAsync("/v1/entities", HttpTesting.JsonBody(
            """{"entities":[{"entity_type":"contact","name":"Ada King","email":"ada.king@example.com"}]}"""))).JsonAsync();
        var duplicate = stored.GetProperty("entities")[0].GetProperty("entity_id").GetString();

        var merge = await (await _client.PostAsync("/v1/merges", HttpTesting.JsonBody($$"""{"from_entity_id":"{{duplicate}}","to_entity_id":"{{ada}}","reason":"same person"}"""))).JsonAsync();
        var redirected = await (await _client.GetAsync($"/v1/entities/{duplicate}")).JsonAsync();
        var observations = await (await _client.GetAsync($"/v1/entities/{ada}/observations?include_total=true")).JsonAsync();

        Assert.Equal(1, merge.GetProperty("observations_moved").GetInt32());
        Assert.Equal(ada, redirected.GetProperty("entity_id").GetString());
        Assert.Equal(duplicate, redirected.GetProperty("redirected_from").GetString());
        Assert.Equal(2, observations.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Registering_a_schema_is_201_once_then_a_200_no_op_and_accepts_a_bare_definition()
    {
        var first = await (await _client.PostAsync("/v1/schemas", HttpTesting.JsonBody($$"""{"schema":{{Samples.BookSchema}}}"""))).JsonAsync(HttpStatusCode.Created);
        var again = await (await _client.PostAsync("/v1/schemas", HttpTesting.JsonBody(Samples.BookSchema))).JsonAsync(HttpStatusCode.OK);
        var listed = await (await _client.GetAsync("/v1/schemas")).JsonAsync();
        var shown = await (await _client.GetAsync("/v1/schemas/book")).JsonAsync();

        Assert.True(first.GetProperty("created").GetBoolean());
        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal(first.GetProperty("schema_uid").GetString(), again.GetProperty("schema_uid").GetString());
        Assert.Contains(listed.GetProperty("schemas").EnumerateArray(), s => s.GetProperty("entity_type").GetString() == "book" && !s.GetProperty("built_in").GetBoolean());
        Assert.Equal("date", shown.GetProperty("definition").GetProperty("fields").GetProperty("published").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Timeline_runs_sources_and_reinterpret_read_what_ingest_wrote()
    {
        var upload = await (await _client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact")).JsonAsync(HttpStatusCode.Created);
        var sourceId = upload.GetProperty("source_id").GetString();

        var timeline = await (await _client.GetAsync("/v1/timeline?from=1800-01-01&to=1900-01-01")).JsonAsync();
        var rerun = await (await _client.PostAsync($"/v1/sources/{sourceId}/reinterpret", HttpTesting.JsonBody("""{"entity_type":"contact"}"""))).JsonAsync();
        var runs = await (await _client.GetAsync($"/v1/runs?source_id={sourceId}&include_total=true")).JsonAsync();
        var sources = await (await _client.GetAsync("/v1/sources?limit=1")).JsonAsync();
        var source = await (await _client.GetAsync($"/v1/sources/{sourceId}")).JsonAsync();

        Assert.Equal("1815-12-10", Assert.Single(timeline.GetProperty("events").EnumerateArray()).GetProperty("date").GetString());
        Assert.Equal("completed", rerun.GetProperty("status").GetString());
        Assert.Equal(2, runs.GetProperty("total").GetInt32());
        Assert.Equal(sourceId, sources.GetProperty("sources")[0].GetProperty("source_id").GetString());
        Assert.Equal(upload.GetProperty("content_hash").GetString(), source.GetProperty("content_hash").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_route_with_its_operation()
    {
        var document = await (await _client.GetAsync("/openapi.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        foreach (var route in RestApi.Routes)
        {
            var operation = paths.GetProperty(route.Pattern).GetProperty(route.Method.ToLowerInvariant());
            Assert.Equal(route.Operation.Name, operation.GetProperty("operationId").GetString());
            Assert.Equal(JsonValueKind.Object, operation.GetProperty("responses").GetProperty("200").ValueKind);
        }
        Assert.Equal("ingest", paths.GetProperty("/v1/sources").GetProperty("post").GetProperty("operationId").GetString());
        Assert.Contains(paths.GetProperty("/v1/sources").GetProperty("post").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "wait");
        Assert.Equal(0, paths.GetProperty("/health").GetProperty("get").GetProperty("security").GetArrayLength());
        Assert.True(paths.GetProperty("/health").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _));
        Assert.Equal(0, paths.GetProperty("/metrics").GetProperty("get").GetProperty("security").GetArrayLength());
        Assert.Equal("export_archive", paths.GetProperty(ArchiveEndpoints.Path).GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("import_archive", paths.GetProperty(ArchiveEndpoints.Path).GetProperty("post").GetProperty("operationId").GetString());
        foreach (var export in ExportDownloads.Routes)
        {
            var operation = paths.GetProperty(export.Path).GetProperty("get");
            Assert.Equal(export.OperationId, operation.GetProperty("operationId").GetString());
            Assert.Equal(export.MediaTypes.Order(), operation.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name).Order());
            var names = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();
            Assert.All(export.Path.Split('/').Where(p => p.StartsWith('{')), p => Assert.Contains(p.Trim('{', '}'), names));
            Assert.All(export.Query, q => Assert.Contains(q.Name, names));
        }
        Assert.Equal(ExportDownloads.Paths.Order(), paths.EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/v1/exports/", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task An_upload_with_wait_false_answers_201_with_the_queued_run_instead_of_its_entities()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false);
        using var client = server.Client(await server.CreateUserAsync("alice"));

        var upload = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact&wait=false")).JsonAsync(HttpStatusCode.Created);
        var runs = await (await client.GetAsync("/v1/runs?include_total=true")).JsonAsync();
        var entities = await (await client.GetAsync("/v1/entities?include_total=true")).JsonAsync();

        var interpretation = upload.GetProperty("interpretation");
        Assert.Equal("pending", interpretation.GetProperty("status").GetString());
        Assert.False(interpretation.TryGetProperty("entities", out _));
        Assert.Contains("list_runs", interpretation.GetProperty("reason").GetString());
        var run = Assert.Single(runs.GetProperty("runs").EnumerateArray());
        Assert.Equal(interpretation.GetProperty("run_id").GetString(), run.GetProperty("run_id").GetString());
        Assert.Equal("pending", run.GetProperty("status").GetString());
        Assert.Equal(0, entities.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_reinterpret_with_wait_false_answers_with_the_queued_run()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        var upload = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact")).JsonAsync(HttpStatusCode.Created);

        var rerun = await (await client.PostAsync($"/v1/sources/{upload.GetProperty("source_id").GetString()}/reinterpret",
            HttpTesting.JsonBody("""{"wait":false}"""))).JsonAsync();

        Assert.Equal("pending", rerun.GetProperty("status").GetString());
        Assert.NotEqual(upload.GetProperty("interpretation").GetProperty("run_id").GetString(), rerun.GetProperty("run_id").GetString());
    }

    private async Task<string> AdaIdAsync()
    {
        var upload = await (await _client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("completed", upload.GetProperty("interpretation").GetProperty("status").GetString());
        var found = await (await _client.GetAsync("/v1/entities?query=Lovelace")).JsonAsync();
        return Assert.Single(found.GetProperty("entities").EnumerateArray()).GetProperty("entity_id").GetString()!;
    }
}

public sealed class RestOperationsTestsOnSqlite : RestOperationsTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class RestOperationsTestsOnPostgres : RestOperationsTests
{
    protected override Backend Backend => Backend.Postgres;
}
