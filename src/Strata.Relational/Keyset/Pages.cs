using Dapper;
using Strata.Core;

namespace Strata.Relational.Keyset;

/// <summary>Turns the rows of a keyset query (one more than the page asked for) into a page and its next cursor.</summary>
internal static class Pages
{
    /// <summary>How many rows a page query reads: one more than the page, to tell whether another page follows.</summary>
    public static int RowsToRead(Core.Paging paging) => paging.Limit + 1;

    public static Page<T> Of<T>(List<T> rows, Core.Paging paging, Func<T, string> cursorOf, int? total)
    {
        if (rows.Count <= paging.Limit)
        {
            return new Page<T>(rows, null, total);
        }
        rows.RemoveRange(paging.Limit, rows.Count - paging.Limit);
        return new Page<T>(rows, cursorOf(rows[^1]), total);
    }

    /// <summary>The condition that starts a page after the cursor's (time, id), its parameters @afterKey and @afterId
    /// added; nothing on the first page.</summary>
    /// <param name="lean">Whether the list's time is a lean row's (<see cref="StoreScope.LeanTime"/>), as an entity's.</param>
    public static string AfterTime(Core.Paging paging, string list, StoreScope scope, DynamicParameters parameters, string condition, bool lean = false)
    {
        if (paging.Cursor is null)
        {
            return "";
        }
        var (key, id) = PageCursor.DecodeNumber(list, paging.Cursor);
        parameters.Add("afterKey", lean ? scope.LeanTime(TimeOf(key)) : scope.Time(TimeOf(key)));
        parameters.Add("afterId", id);
        return condition;
    }

    /// <summary>A time as a cursor key: its ticks, exact for either database's precision.</summary>
    public static long KeyOf(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset TimeOf(long ticks) => new(ticks, TimeSpan.Zero);
}
