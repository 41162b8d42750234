using System.Text.Json;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;

namespace Strata.Core.Exports;

/// <summary>
/// Snapshots as rows. JSONL keeps a snapshot whole (fields and provenance as nested objects); CSV and Parquet give
/// each schema field a typed column of its own and its provenance (the winning observation's id) a column beside it,
/// <c>provenance_email</c>, so a reader filters and joins without parsing. A value that does not fit its column (a
/// field of an older schema version, a date that is not one) goes to <c>other_fields</c>: exported, not dropped.
/// </summary>
internal static class EntityTables
{
    public const string ProvenancePrefix = "provenance_";
    public const string OtherFields = "other_fields";

    private static readonly ExportColumn[] Identity =
    [
        new("entity_id", ExportValueKind.Text),
        new("entity_type", ExportValueKind.Text),
        new("canonical_name", ExportValueKind.Text),
        new("updated_at", ExportValueKind.Timestamp),
        new("merged_into", ExportValueKind.Text),
        new("observation_count", ExportValueKind.Integer),
    ];

    /// <summary>Every type in one table of whole snapshots (the JSONL form).</summary>
    public static ExportTable Whole() => new("entities",
        [.. Identity, new("fields", ExportValueKind.Json), new("provenance", ExportValueKind.Json)]);

    public static IReadOnlyList<object?> WholeRow(Snapshot snapshot) =>
        [.. IdentityCells(snapshot), JsonSerializer.Serialize(snapshot.Fields, JsonCells.Options), JsonSerializer.Serialize(snapshot.Provenance, JsonCells.Options)];

    /// <summary>One type's table: a typed column per field of its schema, then their provenance, then what did not fit.</summary>
    public static TypedEntityTable ForType(string entityType, SchemaDefinition schema)
    {
        var fields = schema.Fields.Select(f => (f.Key, JsonCells.KindOf(f.Value))).ToList();
        var columns = new List<ExportColumn>(Identity);
        columns.AddRange(fields.Select(f => new ExportColumn(f.Key, f.Item2)));
        columns.AddRange(fields.Select(f => new ExportColumn(ProvenancePrefix + f.Key, ExportValueKind.Text)));
        columns.Add(new ExportColumn(OtherFields, ExportValueKind.Json));
        return new TypedEntityTable(new ExportTable("entities/" + entityType, columns), fields);
    }

    private static object?[] IdentityCells(Snapshot s) =>
        [s.EntityId, s.EntityType, s.CanonicalName, s.UpdatedAt.ToUniversalTime(), s.MergedInto, (long)s.ObservationCount];

    public sealed record TypedEntityTable(ExportTable Table, IReadOnlyList<(string Name, ExportValueKind Kind)> Fields)
    {
        // Asked once per field of every row: a set, not a scan of the schema's fields.
        private readonly HashSet<string> _declared = Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        public IReadOnlyList<object?> Row(Snapshot snapshot)
        {
            var row = new List<object?>(Table.Columns.Count);
            row.AddRange(IdentityCells(snapshot));
            Dictionary<string, JsonElement>? other = null;
            foreach (var (name, kind) in Fields)
            {
                object? cell = null;
                if (snapshot.Fields.TryGetValue(name, out var value) && !JsonCells.TryConvert(value, kind, out cell))
                {
                    (other ??= [])[name] = value;
                }
                row.Add(cell);
            }
            foreach (var (name, _) in Fields)
            {
                row.Add(snapshot.Provenance.GetValueOrDefault(name));
            }
            foreach (var (name, value) in snapshot.Fields)
            {
                if (!_declared.Contains(name))
                {
                    (other ??= [])[name] = value;
                }
            }
            row.Add(other is null ? null : JsonSerializer.Serialize(other, JsonCells.Options));
            return row;
        }
    }
}
