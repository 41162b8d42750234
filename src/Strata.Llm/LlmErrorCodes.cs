namespace Strata.Llm;

/// <summary>Stable error codes of the LLM path. They live here until the integration moves them into
/// <c>Strata.Core.Errors.ErrorCodes</c>; the strings are the contract and will not change.</summary>
public static class LlmErrorCodes
{
    public const string NotConfigured = "LLM_NOT_CONFIGURED";
    public const string AuthFailed = "LLM_AUTH_FAILED";
    public const string CallFailed = "LLM_CALL_FAILED";
    public const string BudgetExceeded = "LLM_BUDGET_EXCEEDED";
    public const string KeyUnreadable = "LLM_KEY_UNREADABLE";
}
