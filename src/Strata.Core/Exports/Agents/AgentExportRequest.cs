namespace Strata.Core.Exports.Agents;

/// <summary>An export an agent asks for over MCP: the same exports as <c>strata export …</c> and <c>GET /v1/exports/…</c>.</summary>
/// <param name="Kind">entities, document, project, memory or neo4j.</param>
/// <param name="Format">The export's own formats (jsonl, csv, parquet; markdown, json; cypher); its default when null.</param>
/// <param name="EntityType">entities, memory, neo4j: only this type.</param>
/// <param name="Target">document: the document id; project: the project's id or name.</param>
public sealed record AgentExportRequest(string Kind, string? Format = null, string? EntityType = null, string? Target = null);
