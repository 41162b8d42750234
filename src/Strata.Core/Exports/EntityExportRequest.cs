namespace Strata.Core.Exports;

/// <param name="Format">jsonl (default), csv or parquet.</param>
/// <param name="EntityType">Only entities of this type; all types when null.</param>
/// <param name="IncludeMerged">Also entities merged into others (left out by default, as in <c>entities list</c>).</param>
/// <param name="IncludeRelations">Also the relations that hold now whose from end is an exported entity, as a table of its own.</param>
public sealed record EntityExportRequest(string? Format, string? EntityType = null, bool IncludeMerged = false, bool IncludeRelations = false);
