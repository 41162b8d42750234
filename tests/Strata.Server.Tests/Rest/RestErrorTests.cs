using System.Net;
using System.Text;
using Strata.Core.Errors;
using Strata.Server.Http;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

public abstract class RestErrorTests : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    private RunningServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(backend: Backend, maxUploadBytes: 64 * 1024);
        _client = _server.Client(await _server.CreateUserAsync("alice"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("/v1/entities/ent_000000000000000000000000", "ENTITY_NOT_FOUND")]
    [InlineData("/v1/entities/ent_000000000000000000000000/observations", "ENTITY_NOT_FOUND")]
    [InlineData("/v1/entities/ent_000000000000000000000000/provenance/email", "ENTITY_NOT_FOUND")]
    [InlineData("/v1/sources/src_000000000000000000000000", "SOURCE_NOT_FOUND")]
    [InlineData("/v1/runs?source_id=src_000000000000000000000000", "SOURCE_NOT_FOUND")]
    [InlineData("/v1/schemas/no-such-type", "SCHEMA_NOT_FOUND")]
    [InlineData("/v1/projects/prj_000000000000000000000000", "PROJECT_NOT_FOUND")]
    [InlineData("/v1/projects/No%20such%20project/documents", "PROJECT_NOT_FOUND")]
    [InlineData("/v1/documents/doc_000000000000000000000000", "DOCUMENT_NOT_FOUND")]
    [InlineData("/v1/documents/doc_000000000000000000000000/blocks", "DOCUMENT_NOT_FOUND")]
    [InlineData("/v1/blocks/conv_00000000000000000000000000000000:0", "BLOCK_NOT_FOUND")]
    public async Task Something_that_is_not_there_is_404_with_its_code(string path, string code)
    {
        Assert.Equal(code, await (await _client.GetAsync(path)).ProblemCodeAsync(HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("/v1/nothing-here")]
    [InlineData("/v1/entities/ent_000000000000000000000000/unknown")]
    [InlineData("/nothing-here")]
    [InlineData("/projects")] // "/" is the web page now (docs/web.md); beside its own paths nothing answers
    public async Task An_unknown_path_is_404_problem_json_with_ROUTE_NOT_FOUND(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal("ROUTE_NOT_FOUND", await response.ProblemCodeAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task An_unknown_path_asked_without_a_key_outside_the_API_is_still_problem_json()
    {
        using var anonymous = new HttpClient { BaseAddress = _client.BaseAddress };

        var response = await anonymous.GetAsync("/favicon.ico?api_key=secret");

        Assert.Equal("ROUTE_NOT_FOUND", await response.ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("DELETE", "/v1/entities")]
    [InlineData("PUT", "/v1/runs")]
    [InlineData("POST", "/v1/usage")]
    public async Task A_known_path_with_the_wrong_method_is_405_problem_json_naming_the_allowed_ones(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal("METHOD_NOT_ALLOWED", await response.ProblemCodeAsync(HttpStatusCode.MethodNotAllowed));
        Assert.Contains("GET", Samples.Json(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/v1/entities?limit=0")]
    [InlineData("/v1/entities?limit=many")]
    [InlineData("/v1/entities?include_merged=maybe")]
    [InlineData("/v1/entities?colour=red")]
    [InlineData("/v1/entities?limit=1&limit=2")]
    [InlineData("/v1/timeline?from=yesterday")]
    [InlineData("/v1/entities/ent_x?at=not-a-time")]
    public async Task A_bad_argument_is_400_VALIDATION_FAILED(string path)
    {
        Assert.Equal("VALIDATION_FAILED", await (await _client.GetAsync(path)).ProblemCodeAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_unknown_field_in_a_body_is_named_in_the_refusal()
    {
        var response = await _client.PostAsync("/v1/merges", HttpTesting.JsonBody("""{"from":"a","to_entity_id":"b"}"""));

        Assert.Equal("VALIDATION_FAILED", await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Contains("'from'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_typed_is_415()
    {
        var response = await _client.PostAsync("/v1/entities", new StringContent(Samples.StructuredEntities, Encoding.UTF8, "text/plain"));

        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", await response.ProblemCodeAsync(HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task A_body_that_is_not_valid_JSON_is_422_MALFORMED_CONTENT()
    {
        var response = await _client.PostAsync("/v1/entities", HttpTesting.JsonBody("""{"entities": [ {"entity_type": """));

        Assert.Equal("MALFORMED_CONTENT", await response.ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task A_JSON_body_over_the_request_limit_is_413()
    {
        var huge = "{\"entities\":[" + string.Join(",", Enumerable.Repeat("""{"entity_type":"note","title":"x"}""", 60_000)) + "]}";

        var response = await _client.PostAsync("/v1/entities", HttpTesting.JsonBody(huge));

        Assert.Equal("FILE_TOO_LARGE", await response.ProblemCodeAsync(HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task Merging_an_entity_that_was_already_merged_is_409()
    {
        var stored = await (await _client.PostAsync("/v1/entities", HttpTesting.JsonBody(
            """{"entities":[{"entity_type":"contact","name":"Ada","email":"a@example.com"},{"entity_type":"contact","name":"Ada L","email":"b@example.com"}]}"""))).JsonAsync();
        var ids = stored.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity_id").GetString()).ToList();
        var merge = $$"""{"from_entity_id":"{{ids[1]}}","to_entity_id":"{{ids[0]}}"}""";
        await (await _client.PostAsync("/v1/merges", HttpTesting.JsonBody(merge))).JsonAsync();

        var again = await _client.PostAsync("/v1/merges", HttpTesting.JsonBody(merge));

        Assert.Equal("ENTITY_ALREADY_MERGED", await again.ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Reinterpreting_a_type_no_interpreter_reads_is_415()
    {
        var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        var source = await (await _client.PostAsync("/v1/sources?filename=pixel.png", png)).JsonAsync(HttpStatusCode.Created);

        var response = await _client.PostAsync($"/v1/sources/{source.GetProperty("source_id").GetString()}/reinterpret", null);

        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", await response.ProblemCodeAsync(HttpStatusCode.UnsupportedMediaType));
    }

    [Theory]
    [InlineData(ErrorCodes.ValidationFailed, 400)]
    [InlineData(ErrorCodes.MalformedContent, 422)]
    [InlineData(ErrorCodes.EmptyFile, 422)]
    [InlineData(ErrorCodes.Unauthorized, 401)]
    [InlineData(ErrorCodes.EntityNotFound, 404)]
    [InlineData(ErrorCodes.SourceNotFound, 404)]
    [InlineData(ErrorCodes.RunNotFound, 404)]
    [InlineData(ErrorCodes.SchemaNotFound, 404)]
    [InlineData(ErrorCodes.EntityAlreadyMerged, 409)]
    [InlineData(ErrorCodes.Conflict, 409)]
    [InlineData(ErrorCodes.FileTooLarge, 413)]
    [InlineData(ErrorCodes.UnsupportedMediaType, 415)]
    [InlineData(ErrorCodes.InternalError, 500)]
    [InlineData(ErrorCodes.StorageQuotaExceeded, 403)]
    [InlineData(ErrorCodes.StorageFull, 507)]
    [InlineData(ErrorCodes.InterpretationQuotaExceeded, 429)]
    [InlineData(ErrorCodes.DuplicateNotFound, 404)]
    [InlineData(ErrorCodes.MergeNotFound, 404)]
    [InlineData(ErrorCodes.StoreBusy, 503)]
    [InlineData(ErrorCodes.UserNotFound, 404)]
    [InlineData(ErrorCodes.ApiKeyNotFound, 404)]
    [InlineData(ErrorCodes.InvalidArguments, 400)]
    [InlineData(ErrorCodes.RouteNotFound, 404)]
    [InlineData(ErrorCodes.MethodNotAllowed, 405)]
    [InlineData(ErrorCodes.OriginNotAllowed, 403)]
    [InlineData(ErrorCodes.CsrfRefused, 403)]
    [InlineData(ErrorCodes.InsufficientScope, 403)]
    [InlineData(ErrorCodes.ArchiveInvalid, 422)]
    [InlineData(ErrorCodes.ArchiveConflict, 409)]
    [InlineData(ErrorCodes.ArchiveUserMismatch, 409)]
    [InlineData(ErrorCodes.ArchiveBytesPending, 409)]
    [InlineData(ErrorCodes.DatabaseUnavailable, 503)]
    [InlineData(ErrorCodes.ListenFailed, 400)]
    [InlineData(ErrorCodes.BlobStoreUnavailable, 503)]
    [InlineData(ErrorCodes.LlmNotConfigured, 503)]
    [InlineData(ErrorCodes.LlmAuthFailed, 502)]
    [InlineData(ErrorCodes.LlmCallFailed, 502)]
    [InlineData(ErrorCodes.LlmBudgetExceeded, 429)]
    [InlineData(ErrorCodes.LlmKeyUnreadable, 409)]
    [InlineData(ErrorCodes.LlmKeyNotFound, 404)]
    [InlineData(ErrorCodes.RunNotCancellable, 409)]
    [InlineData(ErrorCodes.ProjectNotFound, 404)]
    [InlineData(ErrorCodes.ProjectNameTaken, 409)]
    [InlineData(ErrorCodes.DocumentNotFound, 404)]
    [InlineData(ErrorCodes.BlockNotFound, 404)]
    [InlineData(ErrorCodes.SchemaConflict, 409)]
    [InlineData(ErrorCodes.SchemaInUse, 409)]
    [InlineData(ErrorCodes.BlockValueNotFound, 404)]
    [InlineData(ErrorCodes.ReviewStateConflict, 409)]
    [InlineData(ErrorCodes.BulkChangeNotFound, 404)]
    [InlineData(ErrorCodes.ImportNotFound, 404)]
    [InlineData(ErrorCodes.ObservationNotFound, 404)]
    [InlineData(ErrorCodes.ExportsNotConfigured, 503)]
    [InlineData(ErrorCodes.DocumentNotIngested, 409)]
    [InlineData(ErrorCodes.WebhookNotFound, 404)]
    [InlineData(ErrorCodes.WebhookAddressRefused, 400)]
    [InlineData(ErrorCodes.ExportTooLarge, 413)]
    [InlineData(ErrorCodes.ExportNotFound, 404)]
    public void Every_stable_code_has_its_status(string code, int status)
    {
        Assert.Equal(status, ErrorStatus.For(code));
    }

    [Fact]
    public void The_status_table_covers_every_stable_code()
    {
        var codes = typeof(ErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        var tested = typeof(RestErrorTests).GetMethod(nameof(Every_stable_code_has_its_status))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).ToList();

        Assert.Empty(codes.Except(tested));
    }

    [Fact]
    public async Task Dismissing_a_pair_that_was_never_suggested_is_404_DUPLICATE_NOT_FOUND()
    {
        var response = await _client.PostAsync("/v1/duplicates/dismissals",
            HttpTesting.JsonBody("""{"entity_a":"ent_000000000000000000000001","entity_b":"ent_000000000000000000000002"}"""));

        Assert.Equal("DUPLICATE_NOT_FOUND", await response.ProblemCodeAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Dismissing_without_both_entities_is_400_and_names_the_missing_one()
    {
        var response = await _client.PostAsync("/v1/duplicates/dismissals", HttpTesting.JsonBody("""{"entity_a":"ent_000000000000000000000001"}"""));

        Assert.Equal("VALIDATION_FAILED", await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Contains("'entity_b' is required", await response.Content.ReadAsStringAsync());
    }
}

public sealed class RestErrorTestsOnSqlite : RestErrorTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class RestErrorTestsOnPostgres : RestErrorTests
{
    protected override Backend Backend => Backend.Postgres;
}
