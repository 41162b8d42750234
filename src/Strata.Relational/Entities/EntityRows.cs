using System.Data.Common;
using Strata.Core.Entities;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Relational.Entities;

/// <summary>Entity, snapshot and merge rows as either database returns them, read by position.</summary>
internal static class EntityRows
{
    /// <summary>A row of <see cref="EntitySql.ColumnsOf"/>, in their order.</summary>
    public static Entity ReadEntity(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetNullableString(4),
            StoredTime.ReadNullable(reader.GetValue(5)), StoredTime.Read(reader.GetValue(6)));

    /// <summary>A row of <see cref="EntitySql.SnapshotColumns"/>, in their order.</summary>
    public static Snapshot ReadSnapshot(DbDataReader reader)
    {
        var fields = StoredJson.ReadFields(reader.GetString(3));
        return new(reader.GetString(0), reader.GetString(1), reader.GetString(2), fields, StoredProvenance.Read(reader.GetString(4), fields),
            reader.GetInt32(5), StoredTime.Read(reader.GetValue(6)), reader.GetNullableString(7));
    }

    /// <summary>Snapshot columns (<paramref name="columns"/>, in any database's spelling) that read the provenance only when
    /// the query wants it: otherwise an empty map stands in for it, so a list that does not show provenance neither reads
    /// nor parses it.</summary>
    public static string ReadingProvenance(string columns, bool withProvenance) =>
        withProvenance ? columns : columns.Replace("provenance_json", "'{}'", StringComparison.Ordinal);

    /// <summary>A row of <see cref="EntitySql.ListMerges"/>, in its order.</summary>
    public static MergeRecord ReadMerge(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.GetString(3), reader.GetNullableString(4), reader.GetInt32(5), StoredTime.Read(reader.GetValue(6)));
}
