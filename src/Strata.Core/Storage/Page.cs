namespace Strata.Core;

/// <summary>One page of a list: its items, the cursor of the next page (null on the last), and the total when asked.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, int? Total);
