using System.Data.Common;

namespace Strata.Core.Errors;

/// <summary>
/// Recognises a write refused for want of space wherever it surfaces (the SQLite file, PostgreSQL's disk, the blob
/// store's files, the upload spool) and turns it into <c>STORAGE_FULL</c>, so every command, tool and job says the
/// same thing instead of an internal error or a validation failure. Recognised by code, never by message text:
/// SQLite's result code 13 (SQLITE_FULL), PostgreSQL's SQLSTATE 53100 (disk_full), and on Unix an
/// <see cref="IOException"/> whose HResult is the errno ENOSPC, EFBIG (a file-size limit) or EDQUOT.
/// </summary>
public static class StorageFull
{
    private const int SqliteFull = 13;
    private const string PostgresDiskFull = "53100";
    private const int Enospc = 28;
    private const int Efbig = 27;
    private const int Edquot = 122;

    public static bool Is(Exception? failure)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            if (current is StrataException { Code: ErrorCodes.StorageFull }) return true;
            if (current is DbException database && (database.SqlState == PostgresDiskFull || IsSqliteFull(database))) return true;
            if (current is IOException { HResult: Enospc or Efbig or Edquot } && !OperatingSystem.IsWindows()) return true;
        }
        return false;
    }

    /// <summary>The refusal as a person reads it, or <paramref name="failure"/> itself when it is not a full disk.</summary>
    public static Exception Translate(Exception failure) => failure is StrataException || !Is(failure) ? failure : Error(failure);

    public static StrataException Error(Exception failure) => new(ErrorCodes.StorageFull,
        $"The storage is full ({Cause(failure)}): nothing of this write was kept, and what was stored before is intact. " +
        "Free disk space (or raise the file-size limit) and try again; commands that only read keep working.");

    /// <summary>Core does not reference the SQLite driver: its exception is known by type name, and SQLite's result code
    /// is read from its <c>SqliteErrorCode</c> property (the primary code is the low byte; <see cref="DbException.ErrorCode"/>
    /// does not carry it).</summary>
    private static bool IsSqliteFull(DbException database) =>
        database.GetType().FullName == "Microsoft.Data.Sqlite.SqliteException"
        && database.GetType().GetProperty("SqliteErrorCode")?.GetValue(database) is int code && (code & 0xFF) == SqliteFull;

    private static string Cause(Exception failure)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            if (current is DbException or IOException) return current.Message.TrimEnd('.');
        }
        return failure.Message.TrimEnd('.');
    }
}
