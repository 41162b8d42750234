using Strata.Core.Extraction;
using Strata.Core.Extraction.Packing;
using Strata.Core.Llm.Calls;

namespace Strata.Core.Tests.Extraction;

/// <summary>Sharing a run's calls among its items is pure logic: the items add up to exactly what the calls used.</summary>
public sealed class CallSharesTests
{
    private static CallRecord Call(string[] items, long input, long output, string? raw = null) =>
        new(items, new TokenUsage(input, output, 0, 0), TimeSpan.Zero, StopReason.Completed, null, raw);

    [Fact]
    public void Tokens_and_cost_split_evenly_with_the_remainder_on_the_first_items_and_add_up_exactly()
    {
        // A pack of three that failed, then its halves: item b rode both calls of its side.
        var calls = new[] { Call(["a", "b", "c"], 100, 10, "first"), Call(["a"], 7, 5), Call(["b", "c"], 9, 3, "last") };

        var shares = CallShares.Of(calls, usage => usage.Input + usage.Output);

        Assert.Equal([34L, 33L, 33L], new[] { "a", "b", "c" }.Select(id => shares[id].Usage.Input - (id == "a" ? 7 : id == "b" ? 5 : 4)));
        Assert.Equal(calls.Sum(c => c.Usage.Input), shares.Values.Sum(s => s.Usage.Input));
        Assert.Equal(calls.Sum(c => c.Usage.Output), shares.Values.Sum(s => s.Usage.Output));
        // Cost in nanodollars, shared the same way: the items' costs add up to the calls'.
        Assert.Equal(calls.Sum(c => (c.Usage.Input + c.Usage.Output) * CallShares.NanosPerDollar), shares.Values.Sum(s => s.CostNanos!.Value));
        Assert.Equal([2, 2, 2], new[] { "a", "b", "c" }.Select(id => shares[id].Calls));
        Assert.Equal("last", shares["c"].LastRaw);
        Assert.Equal("first", shares["a"].LastRaw);
    }

    [Fact]
    public void A_model_with_no_price_leaves_the_cost_unknown_rather_than_zero()
    {
        var shares = CallShares.Of([Call(["a", "b"], 10, 10)], _ => null);

        Assert.All(shares.Values, share => Assert.True(share.CostUnknown));
        Assert.All(shares.Values, share => Assert.Null(share.CostNanos));
    }
}
