namespace Strata.Core;

/// <summary>
/// A page request, bounded so that no caller can ask for everything at once. A list continues from
/// <see cref="Cursor"/> (the <c>next_cursor</c> of the page before), which costs the same on every page; the older
/// <see cref="Offset"/> still works but reads every row it skips. A total is counted only when
/// <see cref="IncludeTotal"/> asks for it: counting reads every row of the list.
/// </summary>
public sealed record Paging(int Limit = Paging.DefaultLimit, int Offset = 0, string? Cursor = null, bool IncludeTotal = false)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public Paging Validated()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw Errors.StrataException.Validation($"limit must be between 1 and {MaxLimit} (got {Limit}).");
        }
        if (Offset < 0)
        {
            throw Errors.StrataException.Validation($"offset must not be negative (got {Offset}).");
        }
        if (Cursor is not null && Offset > 0)
        {
            throw Errors.StrataException.Validation("Give either cursor or offset, not both: a cursor already says where the page starts.");
        }
        return this;
    }
}
