using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Strata.Server.Mcp.MemoryServer;

/// <summary>
/// The profile's stdio transport: the SDK's own (<see cref="StreamServerTransport"/> over standard input and output, as
/// <see cref="StdioServerTransport"/> is), except that each message is written as the reference writes its JSON
/// (JSON.stringify): quotes as <c>\"</c> and characters as they are, not the default encoder's <c>\u0022</c> and
/// <c>\u00E9</c> escapes. A <c>search_nodes</c> answer is mostly a JSON text inside a JSON string, so the default made it a
/// fifth longer than the reference's (197 against 163 KB for 222 entities) and slower to write and for the client to
/// read. Only the bytes differ: every message means the same.
/// </summary>
public sealed class MemoryServerStdioTransport : StreamServerTransport
{
    private readonly Stream _output;

    public MemoryServerStdioTransport(string serverName, ILoggerFactory? loggerFactory)
        : this(new BufferedStream(Console.OpenStandardOutput()), serverName, loggerFactory)
    {
    }

    private MemoryServerStdioTransport(Stream output, string serverName, ILoggerFactory? loggerFactory)
        : base(Console.OpenStandardInput(), output, serverName, loggerFactory)
    {
        _output = output;
    }

    /// <summary>What each message is written with (the warm-up builds its metadata before the first call).</summary>
    internal static JsonSerializerOptions Options { get; } = Relaxed();

    private readonly SemaphoreSlim _sending = new(1, 1);

    /// <summary>Each message is written here first, then to the output: one buffer reused rather than an array per message
    /// (a <c>search_nodes</c> answer of 222 entities is 163 KB, which the runtime allocates on its large object heap). One
    /// grown past <see cref="KeptBufferBytes"/> by a larger answer is let go after it.</summary>
    private ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    private const int KeptBufferBytes = 1024 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (!IsConnected) throw new InvalidOperationException("Transport is not connected.");
        await _sending.WaitAsync(cancellationToken);
        try
        {
            _buffer.ResetWrittenCount();
            await using (var writer = new Utf8JsonWriter(_buffer, WriterOptions))
            {
                JsonSerializer.Serialize(writer, message, Options.GetTypeInfo(typeof(JsonRpcMessage)));
            }
            _buffer.Write(NewLine.Span);
            await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken);
            await _output.FlushAsync(cancellationToken);
            if (_buffer.Capacity > KeptBufferBytes) _buffer = new ArrayBufferWriter<byte>(64 * 1024);
        }
        finally
        {
            _sending.Release();
        }
    }

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>The SDK's options (its types' metadata and converters) with the relaxed encoder.</summary>
    private static JsonSerializerOptions Relaxed()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.MakeReadOnly();
        return options;
    }
}
