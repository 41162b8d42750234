using Strata.Core.Memory.Sections;

namespace Strata.Core.Tests.Memory;

public sealed class BoundedReductionTests
{
    private static readonly IReadOnlyList<string> Hundred = Enumerable.Range(1, 100).Select(i => $"fact {i}").ToList();

    [Fact]
    public async Task Every_call_carries_at_most_the_batch_cap_and_the_levels_stop_at_one_summary()
    {
        var batches = new List<(int Level, int Size)>();
        var result = await BoundedReduction.ReduceAsync(Hundred, (batch, level, _) =>
        {
            batches.Add((level, batch.Count));
            return Task.FromResult($"summary of {batch.Count}");
        }, new ReductionLimits(5, 10, 3, TimeSpan.FromMinutes(1)), new StoppedClock(), CancellationToken.None);

        Assert.Equal(ReductionEnd.Reduced, result.End);
        Assert.Equal(11, result.Calls); // 10 batches of 10, then one of the 10 summaries
        Assert.Equal(2, result.Depth);
        Assert.Equal("summary of 10", result.Text);
        Assert.All(batches, b => Assert.True(b.Size <= 10));
        Assert.Equal(10, batches.Count(b => b.Level == 1));
    }

    [Fact]
    public async Task The_depth_cap_ends_the_levels_and_keeps_the_last_summaries_side_by_side()
    {
        var calls = 0;
        var result = await BoundedReduction.ReduceAsync(Hundred, (batch, _, _) => Task.FromResult($"part {++calls}"),
            new ReductionLimits(1, 10, 3, TimeSpan.FromMinutes(1)), new StoppedClock(), CancellationToken.None);

        Assert.Equal(ReductionEnd.DepthCapped, result.End);
        Assert.Equal(10, calls);
        Assert.Equal(10, result.Text!.Split("\n\n").Length);
    }

    [Fact]
    public async Task Failures_in_a_row_open_the_circuit_and_no_further_call_is_made()
    {
        var calls = 0;
        var result = await BoundedReduction.ReduceAsync(Hundred, (_, _, _) =>
        {
            calls++;
            throw new GenerationFailedException($"refused {calls}", "raw");
        }, new ReductionLimits(3, 10, 3, TimeSpan.FromMinutes(1)), new StoppedClock(), CancellationToken.None);

        Assert.Equal(ReductionEnd.BreakerOpen, result.End);
        Assert.Equal(3, calls);
        Assert.Equal(3, result.Calls);
        Assert.Null(result.Text);
        Assert.Equal("refused 3", result.LastError);
    }

    [Fact]
    public async Task A_success_between_failures_closes_the_count_again()
    {
        var calls = 0;
        var result = await BoundedReduction.ReduceAsync(Hundred, (batch, _, _) =>
        {
            calls++;
            if (calls is 1 or 3 or 5 or 7) throw new GenerationFailedException("flaky"); // never two in a row
            return Task.FromResult("ok");
        }, new ReductionLimits(3, 10, 2, TimeSpan.FromMinutes(1)), new StoppedClock(), CancellationToken.None);

        Assert.Equal(ReductionEnd.Reduced, result.End);
        Assert.Equal(11, calls); // ten batches (four lost), then one of the six summaries
        Assert.Equal("ok", result.Text);
    }

    [Fact]
    public async Task The_overall_timeout_on_the_injected_clock_ends_the_reduction()
    {
        var clock = new StoppedClock();
        var calls = 0;
        var result = await BoundedReduction.ReduceAsync(Hundred, (_, _, _) =>
        {
            calls++;
            clock.Advance(TimeSpan.FromSeconds(30)); // each call takes half a minute of the test's clock
            return Task.FromResult("ok");
        }, new ReductionLimits(3, 10, 3, TimeSpan.FromMinutes(2)), clock, CancellationToken.None);

        Assert.Equal(ReductionEnd.TimedOut, result.End);
        Assert.Equal(4, calls);
        Assert.Null(result.Text);
    }

    [Fact]
    public async Task A_call_cancelled_by_the_caller_stops_the_reduction_with_the_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BoundedReduction.ReduceAsync(Hundred, async (_, _, token) =>
        {
            await cancel.CancelAsync();
            token.ThrowIfCancellationRequested();
            return "never";
        }, ReductionLimits.Default, new StoppedClock(), cancel.Token));
    }

    [Fact]
    public async Task Nothing_to_summarise_makes_no_call()
    {
        var result = await BoundedReduction.ReduceAsync([], (_, _, _) => throw new InvalidOperationException("no call expected"),
            ReductionLimits.Default, new StoppedClock(), CancellationToken.None);
        Assert.Equal(ReductionEnd.Empty, result.End);
        Assert.Equal(0, result.Calls);
    }

    /// <summary>Time moves only when the test says so.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
