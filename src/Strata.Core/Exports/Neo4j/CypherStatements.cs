using System.Text;
using Strata.Core.Relations;
using Strata.Core.Snapshots;

namespace Strata.Core.Exports.Neo4j;

/// <summary>One Cypher statement per node and per relationship, each carrying its provenance.</summary>
internal static class CypherStatements
{
    /// <summary>Properties Strata sets itself; a field of the same name is written with a <c>field_</c> prefix instead.</summary>
    public static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "entity_id", "entity_type", "strata_name", "updated_at", "observation_count" };

    /// <summary>Relationship properties Strata sets itself; a relation property of the same name gets a <c>property_</c> prefix.</summary>
    private static readonly HashSet<string> RelationshipReserved = new(StringComparer.Ordinal)
    {
        "observation_id", "run_id", "source_id", "observed_at", "properties", "valid_from", "valid_to",
    };

    public static string Node(Snapshot snapshot, string name)
    {
        var statement = new StringBuilder("MERGE (n:").Append(CypherExportService.EntityLabel).Append(" {entity_id: ").Append(CypherText.Literal(snapshot.EntityId))
            .Append("}) SET n:").Append(CypherText.Name(snapshot.EntityType))
            .Append(", n.entity_type = ").Append(CypherText.Literal(snapshot.EntityType))
            .Append(", n.strata_name = ").Append(CypherText.Literal(name))
            .Append(", n.updated_at = ").Append(CypherText.Time(snapshot.UpdatedAt))
            .Append(", n.observation_count = ").Append(snapshot.ObservationCount);
        foreach (var (field, value) in snapshot.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (CypherText.Value(value) is not { } literal) continue;
            var property = Reserved.Contains(field) ? "field_" + field : field;
            statement.Append(", n.").Append(CypherText.Name(property)).Append(" = ").Append(literal);
            if (snapshot.Provenance.TryGetValue(field, out var observation))
            {
                statement.Append(", n.").Append(CypherText.Name("provenance_" + field)).Append(" = ").Append(CypherText.Literal(observation));
            }
        }
        return statement.Append(';').ToString();
    }

    /// <summary>A mapped field's value: its node, merged on its key (entities naming the same value share it; the first
    /// to create it is its provenance), and the relationship from the entity, merged per entity and field, carrying the
    /// entity, the observation that won the field and the block.</summary>
    public static string Link(GraphLink link)
    {
        var statement = new StringBuilder("MATCH (n:").Append(CypherExportService.EntityLabel).Append(" {entity_id: ").Append(CypherText.Literal(link.EntityId))
            .Append("}) MERGE (m:").Append(CypherText.Name(link.Node.Label)).Append(" {").Append(CypherText.Name(link.Node.Key)).Append(": ")
            .Append(CypherText.Literal(link.Key)).Append("}) ON CREATE SET m.provenance_entity_id = ").Append(CypherText.Literal(link.EntityId));
        Provenance(statement, "m.provenance_", link);
        statement.Append(" MERGE (n)-[r:").Append(CypherText.Name(link.Node.Relationship)).Append(" {field: ").Append(CypherText.Literal(link.Field))
            .Append("}]->(m) SET r.entity_id = ").Append(CypherText.Literal(link.EntityId));
        Provenance(statement, "r.", link);
        return statement.Append(';').ToString();
    }

    private static void Provenance(StringBuilder statement, string prefix, GraphLink link)
    {
        if (link.ObservationId is { } observation) statement.Append(", ").Append(prefix).Append("observation_id = ").Append(CypherText.Literal(observation));
        if (link.BlockUid is { } block) statement.Append(", ").Append(prefix).Append("block_uid = ").Append(CypherText.Literal(block));
    }

    public static string Relationship(RelationObservation relation)
    {
        var statement = new StringBuilder("MATCH (a:").Append(CypherExportService.EntityLabel).Append(" {entity_id: ").Append(CypherText.Literal(relation.FromEntityId))
            .Append("}) MATCH (b:").Append(CypherExportService.EntityLabel).Append(" {entity_id: ").Append(CypherText.Literal(relation.ToEntityId))
            .Append("}) MERGE (a)-[r:").Append(CypherText.Name(relation.RelationType)).Append(" {observation_id: ").Append(CypherText.Literal(relation.Id))
            .Append("}]->(b) SET r.run_id = ").Append(CypherText.Literal(relation.RunId))
            .Append(", r.source_id = ").Append(CypherText.Literal(relation.SourceId))
            .Append(", r.observed_at = ").Append(CypherText.Time(relation.ObservedAt))
            .Append(", r.properties = ").Append(CypherText.Literal(Compact(relation.PropertiesJson)));
        if (relation.ValidFrom is { } from) statement.Append(", r.valid_from = ").Append(CypherText.Time(from));
        if (relation.ValidTo is { } to) statement.Append(", r.valid_to = ").Append(CypherText.Time(to));
        // Each property also on its own, so a query reads r.role rather than parsing r.properties.
        using var properties = System.Text.Json.JsonDocument.Parse(relation.PropertiesJson);
        if (properties.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var property in properties.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (CypherText.Value(property.Value) is not { } literal) continue;
                var name = RelationshipReserved.Contains(property.Name) ? "property_" + property.Name : property.Name;
                statement.Append(", r.").Append(CypherText.Name(name)).Append(" = ").Append(literal);
            }
        }
        return statement.Append(';').ToString();
    }

    /// <summary>The same text from either database (PostgreSQL gives jsonb back spaced).</summary>
    public static string Compact(string json)
    {
        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        return JsonCells.Compact(parsed.RootElement);
    }
}
