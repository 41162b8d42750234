namespace Strata.Core.Exports;

/// <summary>An exported table: its file name without extension (<c>contact</c>, <c>relations</c>) and its columns in order.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns);
