namespace Strata.Core.Llm.Calls;

/// <summary>A call that produced no usable answer after its retries. Carries the stable code, the HTTP status
/// and the raw body of the last attempt so the failure can be kept on its item. Never carries the key.</summary>
public sealed class LlmCallException(
    LlmFailureKind kind,
    string message,
    int? statusCode,
    string? rawText,
    IReadOnlyList<RetryRecord> retries,
    Exception? inner = null) : Exception(message, inner)
{
    public LlmFailureKind Kind { get; } = kind;

    public string Code => Kind == LlmFailureKind.Auth ? Errors.ErrorCodes.LlmAuthFailed : Errors.ErrorCodes.LlmCallFailed;

    public int? StatusCode { get; } = statusCode;

    public string? RawText { get; } = rawText;

    public IReadOnlyList<RetryRecord> Retries { get; } = retries;
}
