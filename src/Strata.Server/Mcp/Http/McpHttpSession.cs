using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Strata.Server.Mcp.Http;

/// <summary>
/// One streamable-HTTP MCP session: its transport and server, and the user whose key opened it. Every later request
/// on the session must carry a key of that same user.
/// </summary>
internal sealed class McpHttpSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _running;
    private readonly ILogger _logger;
    private long _lastActivityTicks;
    private int _activeRequests;
    private int _getStreamOpen;
    private int _disposed;

    public McpHttpSession(string id, string userId, StreamableHttpServerTransport transport, McpServer server, DateTimeOffset now, ILogger logger)
    {
        Id = id;
        UserId = userId;
        Transport = transport;
        Server = server;
        _logger = logger;
        _lastActivityTicks = now.UtcTicks;
        _running = RunAsync();
    }

    public string Id { get; }

    public string UserId { get; }

    public StreamableHttpServerTransport Transport { get; }

    public McpServer Server { get; }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>A session with a request in flight (an open GET stream included) is never idle.</summary>
    public bool IsIdleSince(DateTimeOffset cutoff) => Volatile.Read(ref _activeRequests) == 0 && LastActivity < cutoff;

    public RequestScope BeginRequest(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);
        Interlocked.Increment(ref _activeRequests);
        return new RequestScope(this);
    }

    /// <summary>Only one standalone GET stream per session: a second would race the first for the same messages.</summary>
    public bool TryOpenGetStream() => Interlocked.CompareExchange(ref _getStreamOpen, 1, 0) == 0;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _closing.CancelAsync();
        await Transport.DisposeAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        await Server.DisposeAsync();
        _closing.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await Server.RunAsync(_closing.Token);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (Exception failure)
        {
            McpLog.SessionFailed(_logger, failure, Id);
        }
    }

    public readonly struct RequestScope(McpHttpSession session) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref session._activeRequests);
    }
}
