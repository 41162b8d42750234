using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

/// <summary>The "nothing changed" checks of every other test (<see cref="TestStrata.Fingerprint"/>) are only as good as
/// the tables they count: they come from the database's catalogue, so a table a migration adds tomorrow is counted
/// without an edit here.</summary>
public sealed class FingerprintTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void CountsCoverTheTablesOfDocumentsReviewChatAndTheModelPathAndATableAddedAfterwards(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var before = strata.Counts();

        strata.Execute("CREATE TABLE added_later (id INTEGER PRIMARY KEY)");
        strata.Execute("INSERT INTO added_later (id) VALUES (1)");
        var after = strata.Counts();

        Assert.Superset(new HashSet<string>(["users", "sources", "runs", "observations", "jobs", "projects", "documents",
            "document_blocks", "block_runs", "block_values", "run_items", "observation_evidence", "chat_imports", "chat_evidence",
            "memory_generated", "deletions", "llm_calls", "blobs", "spool"]), before.Keys.ToHashSet());
        Assert.DoesNotContain("added_later", before.Keys);
        if (backend == Backends.Sqlite) Assert.Contains("entities_fts", before.Keys); // the search index is a virtual table there
        Assert.Equal(1, after["added_later"]);
        Assert.Contains("added_later=1", strata.Fingerprint());
    }
}
