namespace Strata.Core.Maintenance;

/// <summary>Maintenance that spans users (timeouts, archival) and the gauges metrics read. Like the users table, it
/// is reached from the store, not from a user's session: only workers and operators call it.</summary>
public interface IMaintenanceStore
{
    /// <summary>Fails every running run whose heartbeat is older than <paramref name="heartbeatBefore"/>, setting its
    /// error and completion time, and cancels the unfinished jobs about it — in one transaction.</summary>
    Task<IReadOnlyList<TimedOutRun>> FailStaleRunsAsync(DateTimeOffset heartbeatBefore, string error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Archives finished runs completed before <paramref name="finishedBefore"/>; returns how many.</summary>
    Task<int> ArchiveRunsAsync(DateTimeOffset finishedBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Totals over all users, read at scrape time. Doubles as the database health probe.</summary>
    Task<StoreGauges> ReadGaugesAsync(CancellationToken cancellationToken);
}

public sealed record TimedOutRun(string UserId, string RunId, string SourceId);

public sealed record StoreGauges(
    long StorageBytes,
    long PotentialDuplicates,
    IReadOnlyDictionary<string, long> RunsByStatus);
