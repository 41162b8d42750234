using System.Net;
using System.Net.Http.Headers;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

/// <summary>Text that cannot be stored (a lone surrogate, bytes that are not UTF-8, NUL) is a 400 VALIDATION_FAILED
/// naming where it is, over REST and MCP alike — never a 500.</summary>
public abstract class InvalidTextTests : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    private RunningServer _server = null!;
    private HttpClient _client = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(backend: Backend);
        _key = await _server.CreateUserAsync("alice");
        _client = _server.Client(_key);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string> BadBodies() => new()
    {
        "7B22656E746974696573223A5B7B22656E746974795F74797065223A226E6F7465222C227469746C65223A2261222C22626F6479223A225C7564383030227D5D7D", // "\ud800"
        "7B22656E746974696573223A5B7B22656E746974795F74797065223A226E6F7465222C227469746C65223A2261222C22626F6479223A2278FFFE227D5D7D", // raw 0xFF 0xFE
        "7B22656E746974696573223A5B7B22656E746974795F74797065223A226E6F7465222C227469746C65223A2261222C22626F6479223A225C7530303030227D5D7D", // "\u0000"
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_structured_write_with_text_that_cannot_be_stored_is_400_naming_the_entity_and_field(string hex)
    {
        var content = new ByteArrayContent(Convert.FromHexString(hex));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _client.PostAsync("/v1/entities", content);

        Assert.Equal("VALIDATION_FAILED", await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Contains("entities[0].body", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await (await _client.GetAsync("/v1/entities?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_string_argument_with_a_lone_surrogate_or_NUL_is_400_naming_the_argument()
    {
        var lone = await _client.PostAsync("/v1/merges", HttpTesting.JsonBody("""{"from_entity_id":"\ud800","to_entity_id":"b"}"""));
        var nul = await _client.GetAsync("/v1/entities?query=a%00b");

        Assert.Equal("VALIDATION_FAILED", await lone.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Contains("from_entity_id", await lone.Content.ReadAsStringAsync());
        Assert.Equal("VALIDATION_FAILED", await nul.ProblemCodeAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_ingest_structured_call_with_a_lone_surrogate_is_a_VALIDATION_FAILED_tool_error()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var session = await RawMcpHttp.OpenSessionAsync(http, _key);
        const string call = """
            {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"ingest_structured","arguments":{"entities":[{"entity_type":"note","title":"a","body":"x\ud800"}]}}}
            """;

        using var response = await http.SendAsync(RawMcpHttp.Post(call, _key, session));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.Contains("\"isError\":true"), body);
        Assert.Contains("VALIDATION_FAILED", body);
        Assert.Contains("entities[0].body", body);
    }
}

public sealed class InvalidTextTestsOnSqlite : InvalidTextTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class InvalidTextTestsOnPostgres : InvalidTextTests
{
    protected override Backend Backend => Backend.Postgres;
}
