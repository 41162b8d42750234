using System.Net;
using Strata.Server.Tests.Hosting;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Mcp;

/// <summary>DNS-rebinding protection on /mcp: a foreign web page is refused even with a valid key; agents (no Origin),
/// loopback pages and configured origins are served.
/// Runs on SQLite only, on purpose: it is about the HTTP host (its options and middleware), which is the same code
/// whichever store is under it; every route and tool over the stores runs on both databases in the other classes.</summary>
public sealed class McpOriginTests : IAsyncLifetime
{
    private const string Configured = "https://app.example.com";

    private ConfiguredServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ConfiguredServer.StartAsync(new StrataHostOptions { AllowedOrigins = [Configured + "/"] });
        _client = _server.Client(apiKey: null);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://evil.example:8080")]
    [InlineData("https://app.example.com.evil.example")]
    [InlineData("null")]
    public async Task A_request_from_a_foreign_origin_is_403_ORIGIN_NOT_ALLOWED_even_with_a_valid_key(string origin)
    {
        using var request = RawMcpHttp.Post(RawMcpHttp.Initialize, _server.ApiKey);
        request.Headers.Add("Origin", origin);
        // As after DNS rebinding: the page's own name in Host, so Origin and Host agree.
        request.Headers.Host = new Uri(origin == "null" ? "http://evil.example" : origin).Authority;

        using var response = await _client.SendAsync(request);

        Assert.Equal("ORIGIN_NOT_ALLOWED", await response.ProblemCodeAsync(HttpStatusCode.Forbidden));
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:3000")]
    [InlineData("http://127.0.0.1:5173")]
    [InlineData("http://[::1]:8080")]
    [InlineData(Configured)]
    [InlineData("HTTPS://APP.EXAMPLE.COM")]
    public async Task A_request_without_origin_from_loopback_or_from_a_configured_origin_is_served(string? origin)
    {
        using var request = RawMcpHttp.Post(RawMcpHttp.Initialize, _server.ApiKey);
        if (origin is not null) request.Headers.Add("Origin", origin);

        using var response = await _client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Single(response.Headers.GetValues("Mcp-Session-Id"));
    }

    [Fact]
    public async Task With_nothing_configured_only_loopback_pages_are_served()
    {
        await using var server = await ConfiguredServer.StartAsync();
        using var client = server.Client(apiKey: null);
        using var foreign = RawMcpHttp.Post(RawMcpHttp.Initialize, server.ApiKey);
        foreign.Headers.Add("Origin", Configured);
        using var local = RawMcpHttp.Post(RawMcpHttp.Initialize, server.ApiKey);
        local.Headers.Add("Origin", "http://localhost");

        Assert.Equal("ORIGIN_NOT_ALLOWED", await (await client.SendAsync(foreign)).ProblemCodeAsync(HttpStatusCode.Forbidden));
        Assert.True((await client.SendAsync(local)).IsSuccessStatusCode);
    }
}
