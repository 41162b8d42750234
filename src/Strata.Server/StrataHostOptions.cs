using Strata.Server.Auth.OAuth;
using Strata.Server.Monitoring;

namespace Strata.Server;

/// <summary>How <c>strata serve</c> listens, keeps MCP sessions and whether it runs workers.</summary>
public sealed record StrataHostOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Loopback by default: put TLS (a reverse proxy) in front before exposing it further.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>An MCP session nobody used for this long is closed (the client would start a new one).</summary>
    public TimeSpan McpSessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Run worker loops in the server (the default), so queued interpretations, upload retries and maintenance
    /// happen without a separate <c>strata worker</c>. Off (<c>--no-worker</c>) when dedicated workers do that work.</summary>
    public bool RunWorker { get; init; } = true;

    /// <summary>Browser origins (<c>https://app.example.com</c>) besides loopback ones that may call /mcp; any other
    /// <c>Origin</c> is refused (STRATA_ALLOWED_ORIGINS on <c>strata serve</c>).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>OAuth access tokens accepted beside API keys (the <c>OAuth</c> settings); null: API keys only.</summary>
    public OAuthSettings? OAuth { get; init; }

    /// <summary>Where traces are exported (the <c>Tracing</c> settings); null: no tracing.</summary>
    public TracingOptions? Tracing { get; init; }
}
