using System.Text.RegularExpressions;

namespace Strata.Core.Schemas;

/// <summary>Checks a schema's graph mapping: each field it maps is declared and holds scalars (a text, a number, an
/// enum, or an array of them), and labels, keys and relationship types are plain names Neo4j users write unquoted.</summary>
internal static partial class GraphMappingValidator
{
    public const int MaxNodes = 50;

    /// <summary>The label every entity node has; a mapped node taking it would be matched as an entity.</summary>
    public const string ReservedLabel = "StrataEntity";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();

    public static void Check(SchemaDefinition schema, List<string> problems)
    {
        if (schema.Graph is not { } graph) return;
        var nodes = graph.Nodes ?? new Dictionary<string, GraphNodeMapping>();
        if (nodes.Count == 0) problems.Add("graph.nodes must map at least one field");
        if (nodes.Count > MaxNodes) problems.Add($"graph.nodes: at most {MaxNodes} fields");
        foreach (var (field, node) in nodes)
        {
            var where = $"graph.nodes.{field}";
            if (schema.Fields is null || !schema.Fields.TryGetValue(field, out var declared) || declared is null)
            {
                problems.Add($"{where}: '{field}' is not a field of the schema");
            }
            else if (declared.Type is FieldTypes.Object or FieldTypes.Boolean)
            {
                problems.Add($"{where}: only a text, number, enum, date or array field can become nodes (it is {declared.Type})");
            }
            if (node is null) { problems.Add($"{where} has no definition"); continue; }
            if (node.Label is null || !NamePattern().IsMatch(node.Label)) problems.Add($"{where}.label must be letters, digits or '_', not starting with a digit (at most 64)");
            else if (node.Label == ReservedLabel) problems.Add($"{where}.label: '{ReservedLabel}' is the label of entity nodes");
            if (node.Key is null || !NamePattern().IsMatch(node.Key)) problems.Add($"{where}.key must be letters, digits or '_', not starting with a digit (at most 64)");
            if (node.Relationship is null || !NamePattern().IsMatch(node.Relationship)) problems.Add($"{where}.relationship must be letters, digits or '_', not starting with a digit (at most 64)");
        }
    }
}
