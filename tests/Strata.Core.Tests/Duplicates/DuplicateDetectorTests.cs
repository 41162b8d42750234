using Strata.Core.Duplicates;

namespace Strata.Core.Tests.Duplicates;

public sealed class DuplicateDetectorTests
{
    [Theory]
    [InlineData("jon smith", "john smith", 0.9)]
    [InlineData("ada lovelace", "ada lovelace", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    [InlineData("", "", 1.0)]
    public void SimilarityIsOneMinusTheEditDistanceOverTheLongerName(string a, string b, double expected)
    {
        Assert.Equal(expected, NameSimilarity.Score(a, b), 3);
        Assert.Equal(expected, NameSimilarity.Score(b, a), 3);
    }

    [Fact]
    public void TheBoundedDistanceStopsEarlyButIsExactWithinTheBound()
    {
        Assert.Equal(3, NameSimilarity.Distance("kitten", "sitting", 10));
        Assert.Equal(2, NameSimilarity.Distance("kitten", "sitting", 1)); // bound + 1: "more than one edit"
    }

    [Fact]
    public void PairsAtOrAboveTheThresholdAreFoundOnceWithTheLowerIdFirst()
    {
        var entities = new[]
        {
            new NamedEntity("ent_b", "Jonathon Smith"),
            new NamedEntity("ent_a", "Jonathan Smith"),
            new NamedEntity("ent_c", "Grace Hopper"),
            new NamedEntity("ent_d", "#0123456789abcdef"),
            new NamedEntity("ent_e", "#0123456789abcdee"),
        };

        var pair = Assert.Single(DuplicateDetector.FindPairs("contact", entities, 0.85));

        Assert.Equal(("contact", "ent_a", "ent_b"), (pair.EntityType, pair.EntityA, pair.EntityB));
        Assert.Equal(0.9286, pair.Score);
    }

    [Fact]
    public void NamesWhoseLengthsAloneRuleOutTheThresholdAreNotPaired()
    {
        Assert.False(NameSimilarity.CanReach(10, 13, 0.85));
        Assert.True(NameSimilarity.CanReach(11, 12, 0.85));
        Assert.Empty(DuplicateDetector.FindPairs("contact", [new("a", "Ann"), new("b", "Anne-Marie")], 0.85));
    }
}
