namespace Strata.Core.Maintenance;

/// <summary>Maintenance that spans users (timeouts, archival) and the gauges metrics read. Like the users table, it
/// is reached from the store, not from a user's session: only workers and operators call it.</summary>
public interface IMaintenanceStore
{
    /// <summary>Up to <paramref name="limit"/> running runs whose heartbeat (or start, when they never beat) is older
    /// than <paramref name="heartbeatBefore"/>, oldest first. Changes nothing: the caller decides each one's fate.</summary>
    Task<IReadOnlyList<TimedOutRun>> FindStaleRunsAsync(DateTimeOffset heartbeatBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> documents still converting whose last sign of life is older than
    /// <paramref name="updatedBefore"/>, oldest first. Changes nothing.</summary>
    Task<IReadOnlyList<StaleConversion>> FindStaleConversionsAsync(DateTimeOffset updatedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Archives finished runs completed before <paramref name="finishedBefore"/>; returns how many.</summary>
    Task<int> ArchiveRunsAsync(DateTimeOffset finishedBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Totals over all users, read at scrape time. Doubles as the database health probe.</summary>
    Task<StoreGauges> ReadGaugesAsync(CancellationToken cancellationToken);
}

public sealed record StaleConversion(string UserId, string DocumentId);

public sealed record TimedOutRun(string UserId, string RunId, string SourceId);

public sealed record StoreGauges(
    long StorageBytes,
    long PotentialDuplicates,
    IReadOnlyDictionary<string, long> RunsByStatus);
