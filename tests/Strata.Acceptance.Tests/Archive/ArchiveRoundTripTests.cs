using Strata.Acceptance.Tests.Support;
using Strata.Core.Archive;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests.Archive;

/// <summary>The portable archive moves a whole store between databases with the same ids, snapshots and provenance,
/// and an import is all or nothing.</summary>
public sealed class ArchiveRoundTripTests
{
    [Fact]
    public async Task A_store_moved_SQLite_to_PostgreSQL_to_SQLite_keeps_every_record_and_answers_the_same()
    {
        using var first = new TestStrata(backend: Backends.Sqlite);
        var alice = await ArchiveStores.FillAsync(first);
        var fromSqlite = await ArchiveStores.ExportAsync(first, alice);

        using var middle = new TestStrata(backend: Backends.Postgres);
        await middle.UserAsync("alice");
        var loaded = await ArchiveStores.ImportAsync(middle, alice, fromSqlite);
        var fromPostgres = await ArchiveStores.ExportAsync(middle, alice);

        using var last = new TestStrata(backend: Backends.Sqlite);
        await last.UserAsync("alice");
        await ArchiveStores.ImportAsync(last, alice, fromPostgres);
        var back = await ArchiveStores.ExportAsync(last, alice);

        var original = ArchiveStores.Dump(fromSqlite);
        ArchiveStores.AssertSame(original, ArchiveStores.Dump(fromPostgres));
        ArchiveStores.AssertSame(original, ArchiveStores.Dump(back));
        Assert.True(loaded.RowsAdded > 20 && loaded.RowsSkipped == 0, $"{loaded.RowsAdded} rows added, {loaded.RowsSkipped} skipped");
        foreach (var table in new[] { "sources", "runs", "entities", "observations", "merges", "relation_observations", "documents", "document_blocks", "entity_keys" })
        {
            Assert.NotEmpty(original[ArchiveFormat.TableEntry(table)]);
        }
        Assert.DoesNotContain(original[ArchiveFormat.TableEntry("sources")], row => row.Contains("bob.csv", StringComparison.Ordinal));

        var views = await ArchiveStores.ViewsAsync(first, alice);
        Assert.Equal(views, await ArchiveStores.ViewsAsync(middle, alice));
        Assert.Equal(views, await ArchiveStores.ViewsAsync(last, alice));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Importing_an_archive_again_with_skip_adds_nothing_and_with_fail_is_refused_whole(string backend)
    {
        var (origin, alice, archive, target) = await ArchiveStores.ArchiveAndTargetAsync(backend);
        using var disposeOrigin = origin;
        using var disposeTarget = target;
        var first = await ArchiveStores.ImportAsync(target, alice, archive);
        var after = target.Fingerprint();

        var again = await ArchiveStores.ImportAsync(target, alice, archive);
        Assert.Equal((0L, first.RowsAdded, 0L), (again.RowsAdded, again.RowsSkipped, again.BlobsWritten));
        Assert.Equal(after, target.Fingerprint());

        var refused = await Assert.ThrowsAsync<StrataException>(() => ArchiveStores.ImportAsync(target, alice, archive, ArchiveConflict.Fail));
        Assert.Equal(ErrorCodes.ArchiveConflict, refused.Code);
        Assert.Equal(after, target.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Two_imports_of_one_archive_at_once_load_every_row_exactly_once(string backend)
    {
        var (origin, alice, archive, target) = await ArchiveStores.ArchiveAndTargetAsync(backend);
        using var disposeOrigin = origin;
        using var disposeTarget = target;

        using var start = new Barrier(2);
        var imports = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await ArchiveStores.ImportAsync(target, alice, archive);
        })).ToList();
        var results = await Task.WhenAll(imports);

        var total = ArchiveStores.Dump(archive).Where(t => t.Key.StartsWith(ArchiveFormat.TablePrefix, StringComparison.Ordinal)).Sum(t => t.Value.Count);
        Assert.Equal(total, results.Sum(r => r.RowsAdded));
        Assert.Equal(total, results.Sum(r => r.RowsSkipped));
        ArchiveStores.AssertSame(ArchiveStores.Dump(archive), ArchiveStores.Dump(await ArchiveStores.ExportAsync(target, alice)));
    }
}
