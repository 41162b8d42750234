using Strata.Core.Llm;

namespace Strata.Core.Tests.Llm;

/// <summary>The one monthly budget rule (<see cref="LlmBudget"/>), the one <see cref="LlmAccounting"/> checks before a call.</summary>
public sealed class LlmBudgetTests
{
    [Fact]
    public void A_call_that_fits_the_budget_exactly_is_allowed()
    {
        Assert.True(LlmBudget.Allows(spent: 4.90m, budget: 5m, reserve: 0.10m));
        Assert.True(LlmBudget.Allows(spent: 0m, budget: 5m, reserve: 0m));
    }

    [Fact]
    public void A_call_that_would_pass_the_budget_is_refused()
    {
        Assert.False(LlmBudget.Allows(spent: 4.95m, budget: 5m, reserve: 0.10m));
    }

    [Fact]
    public void A_budget_reached_is_used_up_even_for_a_call_that_reserves_nothing()
    {
        Assert.False(LlmBudget.Allows(spent: 5m, budget: 5m, reserve: 0m));
        Assert.False(LlmBudget.Allows(spent: 0m, budget: 0m, reserve: 0m));
    }
}
