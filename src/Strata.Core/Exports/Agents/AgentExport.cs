namespace Strata.Core.Exports.Agents;

/// <summary>
/// What <c>export</c> answers an agent: a small text export inline (<see cref="Content"/>), anything larger or binary as
/// a resource link (<see cref="ResourceUri"/>) the client then reads with <c>resources/read</c>.
/// </summary>
/// <param name="Export">The kind asked for.</param>
/// <param name="Inline">Whether <see cref="Content"/> holds the whole export.</param>
/// <param name="Bytes">The export's size when inline; null for a link (the export is written again when the link is read).</param>
/// <param name="InlineLimitBytes">The cap under which a text export comes inline.</param>
/// <param name="DownloadPath">The same export as a streamed REST download, for exports too large for one MCP message.</param>
public sealed record AgentExport(string Export, string FileName, string MediaType, bool Inline, long? Bytes, long InlineLimitBytes,
    string? Content, string? ResourceUri, string DownloadPath);

/// <summary>A resource link read back: text, or the bytes of a binary export (Parquet, ZIP).</summary>
public sealed record AgentExportContent(string FileName, string MediaType, string? Text, byte[]? Blob);
