using Strata.Core.Jobs;

namespace Strata.Core.Tests.Jobs;

public sealed class RetryPolicyTests
{
    [Fact]
    public void ExponentialBackoffDoublesFromTheFirstDelayAndStopsAtTheCap()
    {
        var policy = RetryPolicy.Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

        Assert.Equal([10, 20, 40, 60, 60], Enumerable.Range(1, 5).Select(a => policy.DelayAfter(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(1), policy.DelayAfter(10_000));
    }

    [Fact]
    public void AScheduleGivesOneDelayPerRetryAndRepeatsItsLast()
    {
        var policy = RetryPolicy.Schedule([TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(300)]);

        Assert.Equal([60, 120, 300, 300], Enumerable.Range(1, 4).Select(a => policy.DelayAfter(a).TotalSeconds));
    }

    [Fact]
    public void APeriodStartsOnItsBoundaryInUtc()
    {
        var now = new DateTimeOffset(2024, 3, 1, 10, 7, 42, TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 9, 5, 0, TimeSpan.Zero), WorkerHost.PeriodStart(now, TimeSpan.FromMinutes(5)));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), WorkerHost.PeriodStart(now, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void JitterStaysWithinItsBoundsAndFollowsTheInjectedRandom()
    {
        var first = new Jitter(new Random(42));
        var second = new Jitter(new Random(42));

        var spreads = Enumerable.Range(0, 100).Select(_ => first.Between(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12))).ToList();

        Assert.All(spreads, s => Assert.InRange(s, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12)));
        Assert.Equal(spreads, Enumerable.Range(0, 100).Select(_ => second.Between(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12))));
        Assert.True(spreads.Distinct().Count() > 50);
    }
}
