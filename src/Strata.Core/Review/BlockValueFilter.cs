namespace Strata.Core.Review;

/// <summary>Which staged values of a run a bulk review takes: "everything matching the filter" is every staged value the
/// query matches (the same <see cref="BlockValueQuery"/> list_block_values takes, answered by the database), minus the
/// blocks excluded by index. A query for another state than staged matches no value: only staged values are reviewed.</summary>
public sealed record BlockValueFilter(BlockValueQuery Query, IReadOnlySet<int> Except)
{
    public static readonly BlockValueFilter All = new(BlockValueQuery.All, new HashSet<int>());

    public BlockValueFilter(string? blockType, string? field, string? equalsText, IReadOnlySet<int> except, string? contains = null, string? state = null)
        : this(new BlockValueQuery(state, blockType, field, equalsText, contains), except)
    {
    }

    /// <summary>The staged values the query takes, or null when its state excludes every staged value.</summary>
    public BlockValueQuery? Staged => Query.State is null or BlockValueStates.Staged ? Query with { State = BlockValueStates.Staged } : null;
}
