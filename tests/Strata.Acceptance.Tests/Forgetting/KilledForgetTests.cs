using System.Globalization;
using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;

namespace Strata.Acceptance.Tests.Forgetting;

/// <summary>
/// <c>strata sources delete</c> and <c>strata entities delete</c> killed with SIGKILL at a point the process itself
/// announces (the forgetting pause hook: every removal done and the transaction open, or committed with the bytes not
/// yet purged), not at a guessed time. Killed inside its transaction, the delete leaves everything whole; killed after
/// its commit, it is done and only the bytes are left, which the orphan-blob sweep then deletes. Run to its end
/// afterwards, it forgets all of it.
/// </summary>
public sealed class KilledForgetTests
{
    private const int Contacts = 300;

    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AForgettingDeleteKilledInsideItsTransactionLeavesAllWholeAndKilledAfterItIsDone(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var csv = new StringBuilder("name,email\n");
        for (var i = 0; i < Contacts; i++) csv.Append(CultureInfo.InvariantCulture, $"Person {i},person{i}@example.com\n");
        var upload = await strata.IngestTextAsync(alice, "people.csv", csv.ToString(), "contact");
        var kept = (await strata.StoreAsync(alice, """[{"entity_type": "contact", "name": "Ada Lovelace"}]""")).Entities.Single().EntityId;
        Assert.Equal(Contacts + 1, await EntityCountAsync(strata, alice));
        var blob = strata.BlobPath(alice, upload.ContentHash);
        string[] cli = [.. strata.PostgresConnectionString is { } url ? new[] { "--database", url } : [], "--user", "alice"];

        foreach (var delete in new[] { new[] { "sources", "delete", upload.SourceId }, ["entities", "delete", kept] })
        {
            await KillAtAsync(strata, [.. cli, .. delete], "forget-before-commit");
            Assert.Equal(Contacts + 1, await EntityCountAsync(strata, alice));
            Assert.NotNull(await SourceAsync(strata, alice, upload.SourceId));
            Assert.Empty((await strata.Services.Deletions.ListAsync(alice, new Paging(), None)).Deletions);
            Assert.True(File.Exists(blob));
            Assert.Empty(EntityOrphans.Of(strata));
        }

        await KillAtAsync(strata, [.. cli, "sources", "delete", upload.SourceId], "forget-before-purge");

        Assert.Equal(1, await EntityCountAsync(strata, alice));
        Assert.Null(await SourceAsync(strata, alice, upload.SourceId));
        Assert.Single((await strata.Services.Deletions.ListAsync(alice, new Paging(), None)).Deletions);
        Assert.Empty(EntityOrphans.Of(strata));
        Assert.True(File.Exists(blob)); // the crash came before the purge: the bytes wait for the sweep
        File.SetLastWriteTimeUtc(blob, (strata.Clock.GetUtcNow() - strata.Services.Options.Worker.OrphanBlobGrace - TimeSpan.FromHours(1)).UtcDateTime);
        Assert.Equal(1, await strata.Services.OrphanBlobs.SweepAsync(None));
        Assert.False(File.Exists(blob));

        var finished = await new StrataProcess(strata.DataDirectory).RunAsync([.. cli, "entities", "delete", kept]);

        Assert.True(finished.Exit == 0, finished.Error);
        Assert.Equal(0, await EntityCountAsync(strata, alice));
        Assert.Empty(EntityOrphans.Of(strata));
    }

    /// <summary>Starts the command held at the hold point <paramref name="point"/>, waits until the child says from inside
    /// that it is there, and kills it.</summary>
    private static async Task KillAtAsync(TestStrata strata, string[] args, string point)
    {
        var signal = Path.Combine(strata.DataDirectory, $"held-{Guid.NewGuid():N}");
        using var child = StrataChild.StartHeldAt(point, signal, strata.DataDirectory, args);
        if (!await child.HeldAsync()) Assert.Fail($"{string.Join(' ', args)} ended before reaching {point}: {(await child.KillAsync()).Error}");
        await child.KillAsync();
    }

    private static async Task<int> EntityCountAsync(TestStrata strata, string user) =>
        (await strata.Services.Entities.RetrieveAsync(user, null, null, true, false, new Paging(1, IncludeTotal: true), None)).Total ?? 0;

    private static async Task<Core.Sources.Source?> SourceAsync(TestStrata strata, string user, string sourceId)
    {
        await using var read = await strata.Services.Store.OpenReadAsync(user, None);
        return await read.Sources.GetAsync(sourceId, None);
    }
}
