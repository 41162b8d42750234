using System.Text.Json;

namespace Strata.Core.Llm.Calls;

/// <summary>A model's answer to one call. <see cref="RawText"/> is the HTTP body as received, kept whatever
/// happened to the parse, so a failed item can show exactly what the model said.</summary>
public sealed record ExtractionResponse(
    JsonElement? Input,
    string? ParseError,
    JsonTolerance Tolerance,
    StopReason StopReason,
    string? StopReasonText,
    TokenUsage Usage,
    string RawText,
    TimeSpan Latency,
    IReadOnlyList<RetryRecord> Retries)
{
    public bool Parsed => Input is not null;
}
