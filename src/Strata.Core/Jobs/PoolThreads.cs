namespace Strata.Core.Jobs;

/// <summary>
/// The thread-pool floor of a Strata process that serves or runs background work (<c>strata serve</c>, <c>worker</c>,
/// <c>mcp</c>). The pool starts with one worker thread per core and adds more only about twice a second once all are busy,
/// and SQLite's driver does its I/O synchronously, so every store call holds its pool thread to the end. On two cores:
/// the embedding backfill's writer and its read-ahead held both threads while the provider's answers waited in the queue
/// (SQLite backfill 0.80 of the bare embedder's rate, 0.87 with this floor: docs/recall.md, "A thread-pool floor"), and
/// <c>strata mcp</c> answered <c>initialize</c> only once the database was open (226 ms, 136 ms with it).
/// </summary>
public static class PoolThreads
{
    /// <summary>Headroom, not a cap: the pool still grows past it.</summary>
    public const int Floor = 8;

    /// <summary>Raises the pool's minimum worker threads to <see cref="Floor"/> (never lowers it).</summary>
    public static void Reserve()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < Floor) ThreadPool.SetMinThreads(Floor, completionPorts);
    }
}
