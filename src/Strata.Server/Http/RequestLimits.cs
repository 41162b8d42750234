using Strata.Core;

namespace Strata.Server.Http;

/// <summary>
/// Kestrel's request body limits, derived from the largest file allowed. Kestrel refuses a body as it crosses the
/// limit (or at once, from Content-Length), so nothing larger is ever read; the core's spool enforces the exact file limit.
/// </summary>
public sealed record RequestLimits(long BodyBytes, long McpBodyBytes)
{
    /// <summary>Room for multipart headers and boundaries, or the JSON around a payload.</summary>
    public const long EnvelopeBytes = 1024 * 1024;

    public static RequestLimits For(StrataOptions options) => new(
        options.MaxUploadBytes + EnvelopeBytes,
        // An MCP tool call may carry a whole file as base64: 4 characters for every 3 bytes.
        (options.MaxUploadBytes + 2) / 3 * 4 + EnvelopeBytes);
}
