using Strata.Core.Relations;

namespace Strata.Core.Exports;

/// <summary>Relations as rows: the winning observation of each, with its validity and where it came from.</summary>
internal static class RelationTable
{
    public static readonly ExportTable Table = new("relations",
    [
        new("observation_id", ExportValueKind.Text),
        new("from_entity_id", ExportValueKind.Text),
        new("relation_type", ExportValueKind.Text),
        new("to_entity_id", ExportValueKind.Text),
        new("properties", ExportValueKind.Json),
        new("valid_from", ExportValueKind.Timestamp),
        new("valid_to", ExportValueKind.Timestamp),
        new("observed_at", ExportValueKind.Timestamp),
        new("priority", ExportValueKind.Integer),
        new("run_id", ExportValueKind.Text),
        new("source_id", ExportValueKind.Text),
    ]);

    private static string Properties(string json)
    {
        using var properties = System.Text.Json.JsonDocument.Parse(json);
        return JsonCells.Compact(properties.RootElement);
    }

    public static IReadOnlyList<object?> Row(RelationObservation r) =>
    [
        r.Id, r.FromEntityId, r.RelationType, r.ToEntityId, Properties(r.PropertiesJson), r.ValidFrom?.ToUniversalTime(), r.ValidTo?.ToUniversalTime(),
        r.ObservedAt.ToUniversalTime(), (long)r.Priority, r.RunId, r.SourceId,
    ];
}
