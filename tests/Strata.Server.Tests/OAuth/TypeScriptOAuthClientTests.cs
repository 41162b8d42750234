using System.Net;
using System.Net.Sockets;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.OAuth;

/// <summary>The issue's "done" as a new user would try it: <c>strata serve</c> configured with an issuer through its
/// STRATA_OAuth__ settings, and the official MCP TypeScript SDK obtaining a token itself (its ClientCredentialsProvider,
/// after following the 401's metadata link) and calling tools; without a token, or with one for another resource, 401
/// with the link.</summary>
public sealed class TypeScriptOAuthClientTests
{
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task The_TypeScript_SDK_obtains_a_token_from_the_advertised_issuer_and_calls_tools(Backend backend)
    {
        await using var issuer = await TestAuthorizationServer.StartAsync();
        issuer.RegisterClient("hosted-agent", "agent-secret");
        var port = FreePort();
        var resource = $"http://127.0.0.1:{port}";
        var summary = await NodeScript.RunAsync(backend, "mcp-ts-client", Path.Combine("@modelcontextprotocol", "sdk"),
        [
            "check-oauth.mjs", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--issuer", issuer.Issuer, "--client-id", "hosted-agent", "--client-secret", "agent-secret",
            "--foreign-token", issuer.Issue("hosted-agent", "https://another-server.example/mcp", "strata:write"),
        ]);
        var link = $"resource_metadata=\"{resource}/.well-known/oauth-protected-resource\"";
        foreach (var refused in new[] { "missing_token", "foreign_token" })
        {
            Assert.Equal((int)HttpStatusCode.Unauthorized, summary.GetProperty(refused).GetProperty("status").GetInt32());
            Assert.Contains(link, summary.GetProperty(refused).GetProperty("challenge").GetString());
        }
        Assert.Contains("not meant for this server", summary.GetProperty("foreign_token").GetProperty("challenge").GetString());
        Assert.Equal(resource, summary.GetProperty("metadata").GetProperty("resource").GetString());
        Assert.Equal(issuer.Issuer, summary.GetProperty("metadata").GetProperty("authorization_servers")[0].GetString());
        Assert.True(summary.GetProperty("token_obtained").GetBoolean());
        Assert.Equal(summary.GetProperty("stored")[0].GetString(), Assert.Single(summary.GetProperty("entities_found").EnumerateArray()).GetString());
    }

    /// <summary>The resource URI must name the port before the server starts (the SDK checks that the metadata's resource is
    /// the server it talks to), so a free port is chosen first.</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
