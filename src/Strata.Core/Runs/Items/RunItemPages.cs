namespace Strata.Core.Runs.Items;

/// <summary>The cursor of a run's item list: the last item's index (and the run's id), so a page starts right after it
/// whatever the status filter skipped.</summary>
public static class RunItemPages
{
    public const string ListName = "run_items";

    /// <summary>A cursor that starts a page at the first item after <paramref name="index"/>.</summary>
    public static string After(string runId, int index) => PageCursor.EncodeNumber(ListName, index, runId);

    /// <summary>The index a cursor of this list continues after; VALIDATION_FAILED for any other cursor.</summary>
    public static long IndexOf(string cursor) => PageCursor.DecodeNumber(ListName, cursor).Key;
}
