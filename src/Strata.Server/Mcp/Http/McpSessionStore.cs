using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using Strata.Core;

namespace Strata.Server.Mcp.Http;

/// <summary>The open streamable-HTTP sessions, by the id sent back in <c>Mcp-Session-Id</c>.</summary>
public sealed class McpSessionStore(StrataServices services, ILoggerFactory loggerFactory, TimeProvider clock) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, McpHttpSession> _sessions = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<McpSessionStore>();

    public int Count => _sessions.Count;

    internal McpHttpSession Open(string userId)
    {
        // 128 random bits: a session id is unguessable, though a key of the same user is still needed to use it.
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var transport = new StreamableHttpServerTransport(loggerFactory) { SessionId = id };
        var options = StrataMcpServer.Options(services, userId, localFiles: null, _logger);
        var server = McpServer.Create(transport, options, loggerFactory);
        var session = new McpHttpSession(id, userId, transport, server, clock.GetUtcNow(), _logger);
        _sessions[id] = session;
        McpLog.SessionOpened(_logger, id, userId);
        return session;
    }

    internal McpHttpSession? Find(string id) => _sessions.GetValueOrDefault(id);

    internal async Task CloseAsync(McpHttpSession session, string reason)
    {
        if (_sessions.TryRemove(KeyValuePair.Create(session.Id, session)))
        {
            await session.DisposeAsync();
            McpLog.SessionClosed(_logger, session.Id, reason);
        }
    }

    /// <summary>Closes sessions nobody has used since <paramref name="now"/> minus <paramref name="idleTimeout"/>.</summary>
    public async Task<int> CloseIdleAsync(DateTimeOffset now, TimeSpan idleTimeout)
    {
        var cutoff = now - idleTimeout;
        var idle = _sessions.Values.Where(s => s.IsIdleSince(cutoff)).ToList();
        foreach (var session in idle)
        {
            await CloseAsync(session, $"idle for more than {idleTimeout}");
        }
        return idle.Count;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values.ToList())
        {
            await CloseAsync(session, "the server is stopping");
        }
    }
}
