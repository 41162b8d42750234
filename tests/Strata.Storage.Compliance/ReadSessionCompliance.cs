using System.Data.Common;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>
/// A read session (<see cref="IStrataStore.OpenReadAsync"/>) has no write in its type. Its object is still the one class
/// both session kinds share, so a cast to <see cref="IStoreSession"/> is the one path to a write: the database refuses
/// it (SQLite's query_only, PostgreSQL's READ ONLY transaction), and the connection serves writers again afterwards.
/// </summary>
public abstract class ReadSessionCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AWriteReachedThroughACastReadSessionIsRefusedAndKeepsNothing()
    {
        var user = await UserAsync("alice");
        await using (var read = await Store.OpenReadAsync(user, None))
        {
            var cast = (IStoreSession)read;
            await Assert.ThrowsAnyAsync<DbException>(() => cast.Usage.TryAddBytesAsync(10, null, None));
        }
        await using (var read = await Store.OpenReadAsync(user, None))
        {
            await Assert.ThrowsAnyAsync<DbException>(() => ((IStoreSession)read).Schemas.DeleteAsync("person", None));
        }

        await using var check = await Store.OpenReadAsync(user, None);
        Assert.Equal(0, (await check.Usage.GetAsync("2024-03", None)).BytesStored);
    }

    [Fact]
    public async Task ConnectionsReadSessionsUsedWriteAgainAfterwards()
    {
        var user = await UserAsync("alice");
        // Several read sessions at once hold several connections; each goes back to the pool when it ends.
        var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.OpenReadAsync(user, None)));
        foreach (var read in reads)
        {
            Assert.Equal(0, (await read.Usage.GetAsync("2024-03", None)).BytesStored);
            await read.DisposeAsync();
        }

        // Writes on whichever connections come next: a session's, and the store's own (users), in parallel.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            await UserAsync("bob" + i);
            await using var write = await Store.OpenWriteAsync(user, None);
            Assert.True(await write.Usage.TryAddBytesAsync(10, null, None));
            await write.CommitAsync(None);
        })));

        await using var check = await Store.OpenReadAsync(user, None);
        Assert.Equal(40, (await check.Usage.GetAsync("2024-03", None)).BytesStored);
    }
}
