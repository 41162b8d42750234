namespace Strata.Core.Exports;

/// <summary>A finished export written by the CLI: where it went, its media type, its size and how many rows it holds.</summary>
public sealed record ExportResult(string FileName, string MediaType, long Rows, long Bytes, string? Path = null);
