using System.Data.Common;

namespace Strata.Core.Errors;

/// <summary>
/// PostgreSQL's side of <c>STORE_BUSY</c>: a session waits at most its lock timeout for a row or table another writer
/// holds (<c>lock_timeout</c>, set per session from <c>Limits:BusyTimeout</c>, as SQLite's busy timeout), then the
/// statement fails with SQLSTATE 55P03 (lock_not_available). Recognised by code, never by message text, wherever it
/// surfaces, and said as SQLite's busy database is: a code callers may retry on, nothing of the write kept.
/// </summary>
public static class StoreBusy
{
    private const string PostgresLockNotAvailable = "55P03";

    public static bool Is(Exception? failure)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            if (current is StrataException { Code: ErrorCodes.StoreBusy }) return true;
            if (current is DbException { SqlState: PostgresLockNotAvailable }) return true;
        }
        return false;
    }

    /// <summary>The failure as a person reads it, or <paramref name="failure"/> itself when it is not a lock wait given up.</summary>
    public static Exception Translate(Exception failure) => failure is StrataException || !Is(failure) ? failure : Error(failure);

    public static StrataException Error(Exception failure) => failure is StrataException { Code: ErrorCodes.StoreBusy } busy ? busy : new(ErrorCodes.StoreBusy,
        $"Another writer held what this write needed for longer than the lock timeout ({Cause(failure)}); nothing was changed. "
        + "Try again shortly.");

    private static string Cause(Exception failure)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            if (current is DbException) return current.Message.TrimEnd('.');
        }
        return failure.Message.TrimEnd('.');
    }
}
