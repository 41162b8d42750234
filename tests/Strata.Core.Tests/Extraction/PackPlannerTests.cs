using Strata.Core.Extraction.Packing;

namespace Strata.Core.Tests.Extraction;

public sealed class PackPlannerTests
{
    private static WorkItem Item(int n, int input = 100, int output = 50) => new($"i{n}", $"text {n}", input, output);

    [Fact]
    public void Packs_respect_the_item_cap_and_keep_order()
    {
        var packs = PackPlanner.Plan(Enumerable.Range(0, 10).Select(n => Item(n)), new PackCaps(4, 10_000, 10_000));
        Assert.Equal([4, 4, 2], packs.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 10).Select(n => $"i{n}"), packs.SelectMany(p => p).Select(i => i.Id));
    }

    [Fact]
    public void Packs_respect_the_input_and_output_token_caps()
    {
        Assert.Equal([3, 3, 3, 1], PackPlanner.Plan(Enumerable.Range(0, 10).Select(n => Item(n)), new PackCaps(100, 300, 10_000)).Select(p => p.Count));
        Assert.Equal([2, 2, 2, 2, 2], PackPlanner.Plan(Enumerable.Range(0, 10).Select(n => Item(n)), new PackCaps(100, 10_000, 100)).Select(p => p.Count));
    }

    [Fact]
    public void An_item_over_a_cap_gets_a_pack_of_its_own()
    {
        var packs = PackPlanner.Plan([Item(0), Item(1, input: 5_000), Item(2)], new PackCaps(10, 1_000, 1_000));
        Assert.Equal(["i0", "i1", "i2"], packs.Select(p => Assert.Single(p).Id));
    }
}
