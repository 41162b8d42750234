using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Archive;

/// <summary>
/// <c>strata import archive</c> killed with SIGKILL once every row is written and the transaction is still open (the
/// process says so itself from its hold point): the database is exactly as before. The sources' bytes it had put stay
/// as unreferenced files until the orphan sweep; run again, the import loads everything.
/// </summary>
public sealed class KilledArchiveImportTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_import_killed_before_its_commit_leaves_the_database_unchanged_and_runs_whole_afterwards(string backend)
    {
        var (origin, alice, archive, target) = await ArchiveStores.ArchiveAndTargetAsync(backend);
        using var disposeOrigin = origin;
        using var disposeTarget = target;
        var before = Tables(target);
        string[] import = [.. target.PostgresConnectionString is { } url ? new[] { "--database", url } : [], "--user", "alice", "import", "archive", archive];

        var signal = Path.Combine(target.DataDirectory, $"held-{Guid.NewGuid():N}");
        using (var child = StrataChild.StartHeldAt("archive-import-before-commit", signal, target.DataDirectory, import))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the import ended before its hold point: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        Assert.Equal(before, Tables(target));
        var finished = await new StrataProcess(target.DataDirectory).RunAsync(import);
        Assert.True(finished.Exit == 0, finished.Error);
        ArchiveStores.AssertSame(ArchiveStores.Dump(archive), ArchiveStores.Dump(await ArchiveStores.ExportAsync(target, alice)));
    }

    /// <summary>Every table's row count; the blob files are left out: the killed import's bytes wait for the sweep.</summary>
    private static string Tables(TestStrata strata) =>
        string.Join(' ', strata.Counts().Where(c => c.Key is not ("blobs" or "spool")).Select(c => $"{c.Key}={c.Value}"));
}
