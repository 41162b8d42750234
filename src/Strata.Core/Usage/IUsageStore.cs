namespace Strata.Core.Usage;

/// <summary>The queries of <see cref="IUsageStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IUsageReader
{
    Task<string> PlanAsync(CancellationToken cancellationToken);

    Task<UsageCounts> GetAsync(string month, CancellationToken cancellationToken);
}

/// <summary>The session user's plan and usage counters. The <c>Try…</c> methods check and increment in one
/// conditional write inside the session's transaction, so parallel writers can never overshoot a limit.</summary>
public interface IUsageStore : IUsageReader
{
    /// <summary>Adds <paramref name="bytes"/> to the bytes stored unless the total would pass <paramref name="limit"/>
    /// (null: no limit); false, and nothing changed, when it would.</summary>
    Task<bool> TryAddBytesAsync(long bytes, long? limit, CancellationToken cancellationToken);

    /// <summary>Counts one interpretation in <paramref name="month"/> unless that would pass <paramref name="limit"/>.</summary>
    Task<bool> TryCountInterpretationAsync(string month, int? limit, CancellationToken cancellationToken);
}

public sealed record UsageCounts(long BytesStored, int Interpretations);
