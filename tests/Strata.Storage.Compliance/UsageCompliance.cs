using System.Collections.Concurrent;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="Core.Usage.IUsageStore"/>: a check-and-increment is exact, even under concurrency.</summary>
public abstract class UsageCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AnIncrementPastTheLimitIsRefusedAndChangesNothing()
    {
        var user = await UserAsync("alice");
        await using var session = await Store.OpenWriteAsync(user, None);

        Assert.True(await session.Usage.TryAddBytesAsync(60, 100, None));
        Assert.False(await session.Usage.TryAddBytesAsync(41, 100, None));
        Assert.True(await session.Usage.TryAddBytesAsync(40, 100, None));
        Assert.True(await session.Usage.TryCountInterpretationAsync("2024-03", 1, None));
        Assert.False(await session.Usage.TryCountInterpretationAsync("2024-03", 1, None));
        Assert.True(await session.Usage.TryCountInterpretationAsync("2024-04", 1, None));
        Assert.True(await session.Usage.TryCountInterpretationAsync("2024-04", null, None));

        var march = await session.Usage.GetAsync("2024-03", None);
        Assert.Equal(100, march.BytesStored);
        Assert.Equal(1, march.Interpretations);
        Assert.Equal(2, (await session.Usage.GetAsync("2024-04", None)).Interpretations);
        Assert.Equal("free", await session.Usage.PlanAsync(None));
    }

    [Fact]
    public async Task AnIncrementInASessionThatRollsBackIsNotCounted()
    {
        var user = await UserAsync("alice");
        await using (var session = await Store.OpenWriteAsync(user, None))
        {
            Assert.True(await session.Usage.TryAddBytesAsync(50, null, None));
        }
        await using var read = await Store.OpenReadAsync(user, None);
        Assert.Equal(0, (await read.Usage.GetAsync("2024-03", None)).BytesStored);
    }

    [Fact]
    public async Task ParallelWritersAtTheLimitNeverOvershoot()
    {
        var user = await UserAsync("alice");
        var accepted = new ConcurrentBag<int>();

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            await using var session = await Store.OpenWriteAsync(user, None);
            if (await session.Usage.TryCountInterpretationAsync("2024-03", 7, None) & await session.Usage.TryAddBytesAsync(10, 70, None))
            {
                accepted.Add(i);
            }
            await session.CommitAsync(None);
        })));

        await using var read = await Store.OpenReadAsync(user, None);
        var usage = await read.Usage.GetAsync("2024-03", None);
        Assert.Equal(7, accepted.Count);
        Assert.Equal(7, usage.Interpretations);
        Assert.Equal(70, usage.BytesStored);
    }
}
