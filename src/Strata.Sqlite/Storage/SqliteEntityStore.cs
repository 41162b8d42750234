using System.Data.Common;
using Strata.Core.Snapshots;
using Strata.Relational.Entities;

namespace Strata.Sqlite.Storage;

/// <summary>Text search (FTS5 word and trigram indexes) on SQLite; the rest of the entity store is shared
/// (<see cref="EntityStore"/>).</summary>
internal sealed partial class SqliteEntityStore(SqliteScope scope) : IEntitySearch
{
    private const string SnapshotColumns = """
        id AS EntityId, entity_type AS EntityType, canonical_name AS CanonicalName, fields_json AS FieldsJson,
        provenance_json AS ProvenanceJson, observation_count AS ObservationCount, updated_at AS UpdatedAt, merged_into AS MergedInto
        """;

    private static Snapshot ReadSnapshot(DbDataReader reader) => EntityRows.ReadSnapshot(reader);
}
