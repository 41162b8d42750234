using Strata.Core.Snapshots;
using Strata.Core.Storage;
using Strata.Relational;
using Strata.Relational.Entities;

namespace Strata.Postgres.Storage;

/// <summary>Text search on PostgreSQL; the rest of the entity store is shared (<see cref="EntityStore"/>).</summary>
internal sealed partial class PostgresEntityStore(PostgresScope scope) : IEntitySearch
{
    private const string SnapshotColumns = """
        id AS EntityId, entity_type AS EntityType, canonical_name AS CanonicalName, fields_json::text AS FieldsJson,
        provenance_json::text AS ProvenanceJson, observation_count AS ObservationCount, updated_at AS UpdatedAt, merged_into AS MergedInto
        """;

    /// <summary>A row of <see cref="SnapshotColumns"/> as Dapper maps it.</summary>
    private sealed class SnapshotRow
    {
        public string EntityId { get; set; } = "";
        public string EntityType { get; set; } = "";
        public string CanonicalName { get; set; } = "";
        public string FieldsJson { get; set; } = "{}";
        public string ProvenanceJson { get; set; } = "{}";
        public int ObservationCount { get; set; }
        public DateTime UpdatedAt { get; set; }
        public string? MergedInto { get; set; }

        public Snapshot ToSnapshot()
        {
            var fields = StoredJson.ReadFields(FieldsJson);
            return new(EntityId, EntityType, CanonicalName, fields, StoredProvenance.Read(ProvenanceJson, fields), ObservationCount,
                StoredTime.Read(UpdatedAt), MergedInto);
        }
    }
}
