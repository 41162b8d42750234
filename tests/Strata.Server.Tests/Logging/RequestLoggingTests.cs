using System.Net;
using Microsoft.Extensions.Logging;
using Strata.Server.Tests.Hosting;

namespace Strata.Server.Tests.Logging;

/// <summary>The server's logs, captured at every level, while requests carry an API key in the query string by mistake.
/// Runs on SQLite only, on purpose: it is about the HTTP host (its options and middleware), which is the same code
/// whichever store is under it; every route and tool over the stores runs on both databases in the other classes.</summary>
public sealed class RequestLoggingTests : IAsyncLifetime
{
    private const string Secret = "sk_test_secret_in_the_query_0123456789";

    private readonly CapturedLogs _logs = new();
    private ConfiguredServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ConfiguredServer.StartAsync(logging: logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(_logs);
            logging.SetMinimumLevel(LogLevel.Trace);
        });
        _client = _server.Client(_server.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_key_sent_as_a_query_parameter_never_reaches_the_log_at_any_level()
    {
        using var anonymous = _server.Client(apiKey: null);

        // An unknown argument is refused (400), but the request is still seen, and could be logged, in full.
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/v1/entities?api_key={Secret}&limit=5")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/entities?api_key={Secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/v1/nowhere?api_key={Secret}")).StatusCode);
        await _server.App.StopAsync();

        var entries = _logs.Entries;
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.Message.Contains(Secret, StringComparison.Ordinal) || (e.Exception ?? "").Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_request_is_logged_once_at_Debug_with_its_path_and_status_and_nothing_about_it_above_Debug()
    {
        await _client.GetAsync("/v1/usage?limit=oops");
        await _server.App.StopAsync();

        var about = _logs.Entries.Where(e => e.Message.Contains("/v1/usage", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(about, e => e.Category == typeof(Http.RequestLog).FullName);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.StartsWith("GET /v1/usage answered 400", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("oops", line.Message, StringComparison.Ordinal);
        Assert.All(about, e => Assert.True(e.Level <= LogLevel.Debug, $"{e.Category} logs a request at {e.Level}: {e.Message}"));
    }
}
