using Strata.Core.Review;

namespace Strata.Core.Exports;

/// <summary>The block schema runs over a document, each with the column prefix it gets in CSV and Parquet: its
/// schema_ref, or the ref and run id when the same schema ran twice.</summary>
internal sealed record DocumentRuns(IReadOnlyList<(BlockRun Run, string Prefix)> Runs)
{
    public static DocumentRuns Of(IReadOnlyList<BlockRun> runs)
    {
        var ordered = runs.OrderBy(r => r.CreatedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        var repeated = ordered.GroupBy(r => r.SchemaRef).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return new DocumentRuns(ordered.Select(r => (r, repeated.Contains(r.SchemaRef) ? r.SchemaRef + "_" + r.RunId : r.SchemaRef)).ToList());
    }
}
