using System.Net.ServerSentEvents;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Strata.Server.Mcp.Http;

/// <summary>
/// The SDK's event store with one addition: the priming event that opens a POST stream (an event with an id and no
/// data) also carries <c>retry</c>, so a client whose stream breaks knows how soon to reconnect with
/// <c>Last-Event-ID</c>, as the MCP conformance suite expects. Every other event passes unchanged.
/// </summary>
#pragma warning disable MCP9006 // resumable streams belong to the session-based revisions Strata still serves
internal sealed class PrimingRetry(ISseEventStreamStore inner, TimeSpan retry) : ISseEventStreamStore
{
    /// <summary>How long a client waits before resuming a broken stream: soon, since the events wait in the store.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async ValueTask<ISseEventStreamWriter> CreateStreamAsync(SseEventStreamOptions options, CancellationToken cancellationToken) =>
        new Writer(await inner.CreateStreamAsync(options, cancellationToken), retry);

    public ValueTask<ISseEventStreamReader?> GetStreamReaderAsync(string lastEventId, CancellationToken cancellationToken) =>
        inner.GetStreamReaderAsync(lastEventId, cancellationToken);

    private sealed class Writer(ISseEventStreamWriter inner, TimeSpan retry) : ISseEventStreamWriter
    {
        public ValueTask SetModeAsync(SseEventStreamMode mode, CancellationToken cancellationToken) => inner.SetModeAsync(mode, cancellationToken);

        public async ValueTask<SseItem<JsonRpcMessage?>> WriteEventAsync(SseItem<JsonRpcMessage?> sseItem, CancellationToken cancellationToken)
        {
            var written = await inner.WriteEventAsync(sseItem, cancellationToken);
            return written.Data is null ? written with { ReconnectionInterval = retry } : written;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
#pragma warning restore MCP9006
