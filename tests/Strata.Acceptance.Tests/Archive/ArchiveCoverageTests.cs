using Strata.Acceptance.Tests.Support;
using Strata.Relational.Archive;

namespace Strata.Acceptance.Tests.Archive;

/// <summary>A table a migration adds is either carried by the archive or named as left behind, with the reason.</summary>
public sealed class ArchiveCoverageTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Every_table_of_the_database_is_carried_by_the_archive_or_left_behind_for_a_stated_reason(string backend)
    {
        using var strata = new TestStrata(backend: backend);
        var named = ArchiveTableList.Carried.Concat(ArchiveTableList.LeftBehind.Keys).ToHashSet(StringComparer.Ordinal);

        var unnamed = strata.Counts().Keys.Where(table => table is not ("blobs" or "spool") && !named.Contains(table)).ToList();

        Assert.Empty(unnamed);
    }
}
