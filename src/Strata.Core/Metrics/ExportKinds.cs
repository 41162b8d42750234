namespace Strata.Core.Metrics;

/// <summary>The <c>kind</c> label of <c>strata_exports_total</c>: one per download route.</summary>
public static class ExportKinds
{
    public const string Entities = "entities";
    public const string Document = "document";
    public const string Reconstruction = "reconstruction";
    public const string Project = "project";
    public const string Archive = "archive";
    public const string Memory = "memory";
    public const string Neo4j = "neo4j";

    public static readonly IReadOnlyList<string> All = [Entities, Document, Reconstruction, Project, Archive, Memory, Neo4j];
}
