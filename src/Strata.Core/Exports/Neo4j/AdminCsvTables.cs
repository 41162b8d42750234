using Strata.Core.Relations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;

namespace Strata.Core.Exports.Neo4j;

/// <summary>
/// The CSV files <c>neo4j-admin database import full</c> reads: a nodes file per entity type whose header carries
/// Neo4j's conventions (<c>entity_id:ID</c>, <c>:LABEL</c>, each property as <c>name:type</c> — <c>long</c>,
/// <c>double</c>, <c>boolean</c>, <c>date</c>, <c>datetime</c>, <c>string</c>), and one relationships file
/// (<c>:START_ID</c>, <c>:END_ID</c>, <c>:TYPE</c>, then the relation's provenance). Arrays and objects stay their JSON
/// text in a string property, as in the Cypher script. The same rows as the entity CSV, under Neo4j's names.
/// </summary>
internal static class AdminCsvTables
{
    public const string NodesFolder = "nodes/";
    public const string RelationshipsFile = "relationships";

    /// <summary>The label every node carries besides its type, as in the Cypher script (ids are unique within it).</summary>
    private static string Labels(string entityType) => CypherExportService.EntityLabel + ";" + entityType;

    public static ExportTable Relationships { get; } = new(RelationshipsFile,
    [
        new(":START_ID", ExportValueKind.Text), new(":END_ID", ExportValueKind.Text), new(":TYPE", ExportValueKind.Text),
        new("observation_id:string", ExportValueKind.Text), new("run_id:string", ExportValueKind.Text), new("source_id:string", ExportValueKind.Text),
        new("observed_at:datetime", ExportValueKind.Timestamp), new("properties:string", ExportValueKind.Json),
        new("valid_from:datetime", ExportValueKind.Timestamp), new("valid_to:datetime", ExportValueKind.Timestamp),
        new("entity_id:string", ExportValueKind.Text), new("field:string", ExportValueKind.Text), new("block_uid:string", ExportValueKind.Text),
    ]);

    public static IReadOnlyList<object?> RelationshipRow(RelationObservation relation) =>
    [
        relation.FromEntityId, relation.ToEntityId, relation.RelationType, relation.Id, relation.RunId, relation.SourceId,
        relation.ObservedAt.ToUniversalTime(), CypherStatements.Compact(relation.PropertiesJson), relation.ValidFrom?.ToUniversalTime(), relation.ValidTo?.ToUniversalTime(),
        relation.FromEntityId, null, null,
    ];

    /// <summary>A mapped field's relationship: from the entity to the value's node, with the field's provenance.</summary>
    public static IReadOnlyList<object?> LinkRow(GraphLink link) =>
    [
        link.EntityId, link.NodeId, link.Node.Relationship, link.ObservationId, null, null, null, null, null, null, link.EntityId, link.Field, link.BlockUid,
    ];

    /// <summary>The nodes one mapped field makes (<c>nodes/contact.employer.csv</c>): an id from the label and key, the
    /// label, the key, and the entity, observation and block that named it. Entities naming the same value repeat its
    /// node, which <c>--skip-duplicate-nodes=true</c> tells neo4j-admin to keep once.</summary>
    public static ExportTable MappedNodes(string entityType, string field, GraphNodeMapping node) => new(NodesFolder + entityType + "." + field,
    [
        new(":ID", ExportValueKind.Text), new(":LABEL", ExportValueKind.Text), new(node.Key + ":string", ExportValueKind.Text),
        new("provenance_entity_id:string", ExportValueKind.Text), new("provenance_observation_id:string", ExportValueKind.Text),
        new("provenance_block_uid:string", ExportValueKind.Text),
    ]);

    public static IReadOnlyList<object?> MappedNodeRow(GraphLink link) => [link.NodeId, link.Node.Label, link.Key, link.EntityId, link.ObservationId, link.BlockUid];

    /// <summary>One type's nodes: the entity columns of the CSV export, each renamed with its Neo4j type.</summary>
    public static NodeTable ForType(string entityType, SchemaDefinition schema)
    {
        var typed = EntityTables.ForType(entityType, schema);
        var columns = typed.Table.Columns.Select(c => c.Name switch
        {
            "entity_id" => new ExportColumn("entity_id:ID", c.Kind),
            // The type is a label too; the row's entity_type cell is replaced by the labels.
            "entity_type" => new ExportColumn(":LABEL", c.Kind),
            "canonical_name" => new ExportColumn("strata_name:string", c.Kind),
            var name => new ExportColumn(PropertyName(name, typed.Fields.Any(f => f.Name == name)) + ":" + TypeOf(c.Kind), c.Kind),
        }).ToList();
        return new NodeTable(new ExportTable(NodesFolder + entityType, columns), typed);
    }

    public sealed record NodeTable(ExportTable Table, EntityTables.TypedEntityTable Entities)
    {
        public IReadOnlyList<object?> Row(Snapshot snapshot)
        {
            var row = Entities.Row(snapshot).ToArray();
            row[1] = Labels(snapshot.EntityType);
            return row;
        }
    }

    /// <summary>A field named like one of Strata's own properties is prefixed, as in the Cypher script; a colon would
    /// end the name in the header, so it becomes an underscore.</summary>
    private static string PropertyName(string name, bool isField) =>
        (isField && CypherStatements.Reserved.Contains(name) ? "field_" + name : name).Replace(':', '_');

    private static string TypeOf(ExportValueKind kind) => kind switch
    {
        ExportValueKind.Integer => "long",
        ExportValueKind.Number => "double",
        ExportValueKind.Boolean => "boolean",
        ExportValueKind.Date => "date",
        ExportValueKind.Timestamp => "datetime",
        _ => "string",
    };
}
