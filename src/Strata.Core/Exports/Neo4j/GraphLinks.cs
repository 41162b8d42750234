using System.Text.Json;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;

namespace Strata.Core.Exports.Neo4j;

/// <summary>
/// An entity's mapped fields as links (a schema's <see cref="GraphMapping"/>): one per value of each mapped field (an
/// array gives one per scalar element), each with the provenance the node and relationship carry — the entity, the
/// observation that won the field and, for a block schema's entity, the block it describes.
/// </summary>
internal sealed record GraphLink(string Field, GraphNodeMapping Node, JsonElement Value, string EntityId, string? ObservationId, string? BlockUid)
{
    /// <summary>The mapped node's id in the admin-CSV export: its label and key value, one id space with entity ids
    /// (which start <c>ent_</c>), so entities naming the same value share the node.</summary>
    public string NodeId => "map:" + Node.Label + ":" + Key;

    /// <summary>The node's key as text (a number as its JSON text), the same in the Cypher script and the CSVs.</summary>
    public string Key => Value.ValueKind == JsonValueKind.String ? Value.GetString()! : Value.GetRawText();

    public static IEnumerable<GraphLink> Of(Snapshot snapshot, GraphMapping? graph)
    {
        if (graph?.Nodes is not { } nodes) yield break;
        var blockUid = snapshot.Fields.TryGetValue(BlockSchemas.BlockUidField, out var uid) && uid.ValueKind == JsonValueKind.String ? uid.GetString() : null;
        foreach (var (field, node) in nodes.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (!snapshot.Fields.TryGetValue(field, out var value)) continue;
            var observation = snapshot.Provenance.GetValueOrDefault(field);
            IEnumerable<JsonElement> values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
            foreach (var each in values.Where(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number))
            {
                yield return new GraphLink(field, node, each, snapshot.EntityId, observation, blockUid);
            }
        }
    }
}
