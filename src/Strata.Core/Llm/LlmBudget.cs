namespace Strata.Core.Llm;

/// <summary>The monthly LLM budget rule, checked before every call (<see cref="LlmAccounting"/> reads the month's spend
/// and the plan's budget, this decides).</summary>
public static class LlmBudget
{
    /// <summary>Whether a call that may cost up to <paramref name="reserve"/> fits. A budget reached is used up even for
    /// a call that reserves nothing: a budget of 0 allows no call.</summary>
    public static bool Allows(decimal spent, decimal budget, decimal reserve) => spent < budget && spent + reserve <= budget;
}
