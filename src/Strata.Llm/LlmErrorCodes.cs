using Strata.Core.Errors;

namespace Strata.Llm;

/// <summary>The LLM path's stable error codes, as declared in <see cref="ErrorCodes"/> (where their HTTP statuses are
/// mapped); kept under these short names for the library's callers.</summary>
public static class LlmErrorCodes
{
    public const string NotConfigured = ErrorCodes.LlmNotConfigured;
    public const string AuthFailed = ErrorCodes.LlmAuthFailed;
    public const string CallFailed = ErrorCodes.LlmCallFailed;
    public const string BudgetExceeded = ErrorCodes.LlmBudgetExceeded;
    public const string KeyUnreadable = ErrorCodes.LlmKeyUnreadable;
}
