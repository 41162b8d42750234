namespace Strata.Core.Storage;

/// <summary>
/// Bounds on one write: how much a transaction may do before it commits and lets other writers in, and how long one
/// value may be. Every value has a configuration key under <c>Limits:</c> (see docs/operations.md).
/// </summary>
public sealed record WriteLimits
{
    public const long DefaultMaxValueBytes = 1024 * 1024;

    /// <summary>Records written by one transaction of a long interpretation before it commits.</summary>
    public int SliceRecords { get; init; } = 500;

    /// <summary>How long one transaction of a long interpretation may write before it commits. On SQLite every other
    /// writer waits for it, so this (not the size of the file) bounds how long they wait.</summary>
    public TimeSpan SliceTime { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a writer waits for another to let go of the database (SQLite: one writer at a time) before it
    /// gives up with <c>STORE_BUSY</c>.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest value kept, in UTF-8 bytes as written in the source (JSON escapes included). A longer value
    /// from a file is not kept (its field is reported as too long on the run); a longer value in a structured write is
    /// refused.</summary>
    public long MaxValueBytes { get; init; } = DefaultMaxValueBytes;
}
