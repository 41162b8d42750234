using Strata.Core.Runs;
using Strata.Core.Sources;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="IRunStore.ProgressAsync"/>: a running run's counters move on only from where
/// the caller last left them, never after it finished, and only for the session's user.</summary>
public abstract class RunProgressCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ProgressMovesOnlyFromWhereItWasAndOnlyWhileTheRunRuns()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var now = Clock.GetUtcNow();
        var run = new Run("run_progress", alice, "src_progress", "rules", "1", "{}", "hash", RunStatuses.Running,
            0, 0, 0, null, now, now, null, now);
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Sources.InsertAsync(new Source("src_progress", alice, new string('a', 64), 10, "application/json", "f.json",
                StorageStatuses.Uploaded, now), None);
            Assert.True(await session.Runs.InsertAsync(run, None));
            await session.CommitAsync(None);
        }

        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.True(await session.Runs.ProgressAsync(run.Id, 0, new RunProgress(500, 480, 3, 1), now, None));
            // A second writer still thinking the run is at 0 (a rescued job's old owner) changes nothing.
            Assert.False(await session.Runs.ProgressAsync(run.Id, 0, new RunProgress(500, 1, 1, 1), now, None));
            await session.CommitAsync(None);
        }
        await using (var session = await Store.OpenWriteAsync(bob, None))
        {
            Assert.False(await session.Runs.ProgressAsync(run.Id, 500, new RunProgress(1000, 0, 0, 0), now, None));
            await session.CommitAsync(None);
        }

        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            var stored = await session.Runs.GetAsync(run.Id, None);
            Assert.Equal(new RunProgress(500, 480, 3, 1), RunProgress.Of(stored!));
            Assert.True(await session.Runs.FinishAsync(stored! with { Status = RunStatuses.Completed, ItemsCount = 900, ValuesTooLong = 2, CompletedAt = now }, None));
            Assert.False(await session.Runs.ProgressAsync(run.Id, 900, new RunProgress(1000, 0, 0, 0), now, None));
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        var finished = await read.Runs.GetAsync(run.Id, None);
        Assert.Equal(RunStatuses.Completed, finished!.Status);
        Assert.Equal(900, finished.ItemsCount);
        Assert.Equal(2, finished.ValuesTooLong);
    }
}
