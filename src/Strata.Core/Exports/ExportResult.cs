namespace Strata.Core.Exports;

/// <summary>A finished export: where it went (a file for the CLI) or its content (inline, for an MCP tool: text as it is,
/// a binary format such as Parquet or a ZIP in base64), with its size and how many rows it holds.</summary>
public sealed record ExportResult(string FileName, string MediaType, long Rows, long Bytes, string? Path = null, string? Content = null,
    string? ContentBase64 = null);
