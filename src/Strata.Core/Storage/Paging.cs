namespace Strata.Core;

/// <summary>A page request, bounded so that no caller can ask for everything at once.</summary>
public sealed record Paging(int Limit = Paging.DefaultLimit, int Offset = 0)
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
        return this;
    }
}
