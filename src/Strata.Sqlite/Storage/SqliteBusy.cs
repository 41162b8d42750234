using Microsoft.Data.Sqlite;
using Strata.Core.Errors;

namespace Strata.Sqlite.Storage;

/// <summary>
/// SQLite lets one writer in at a time; the others wait up to the busy timeout. One that still finds the database
/// locked gets <c>STORE_BUSY</c>, a code callers may retry on, instead of the driver's exception.
/// </summary>
internal static class SqliteBusy
{
    private const int Busy = 5;
    private const int Locked = 6;

    public static bool Is(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) is Busy or Locked;

    public static StrataException Failure(SqliteException exception, TimeSpan waited) => new(ErrorCodes.StoreBusy,
        $"The database is busy with another writer and stayed locked for {waited.TotalSeconds:0.#} s ({exception.Message.TrimEnd('.')}); nothing was changed. Try again shortly.");

    /// <summary>Runs <paramref name="work"/>, turning a locked database into <c>STORE_BUSY</c>.</summary>
    public static T Translate<T>(Func<T> work, TimeSpan waited)
    {
        try
        {
            return work();
        }
        catch (SqliteException exception) when (Is(exception))
        {
            throw Failure(exception, waited);
        }
    }

    public static async Task<T> TranslateAsync<T>(Func<Task<T>> work, TimeSpan waited)
    {
        try
        {
            return await work();
        }
        catch (SqliteException exception) when (Is(exception))
        {
            throw Failure(exception, waited);
        }
    }
}
