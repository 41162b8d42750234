using Microsoft.Data.Sqlite;
using Strata.Core.Snapshots;

namespace Strata.Sqlite.Storage;

/// <summary>The functions Strata's statements call that SQLite does not have, registered on every connection the store
/// opens (<see cref="PooledConnection.Open"/>).</summary>
internal static class SqliteFunctions
{
    /// <summary>The text an entity row is searched by (<see cref="SearchTexts"/>), computed from the row: since migration
    /// 0530 the row no longer keeps a copy (its full-text indexes are built from the same text as it is written). A
    /// merged entity has none, as it has no full-text entry.</summary>
    public const string SearchText = "strata_search_text";

    /// <summary>The search text of the entity row named <paramref name="e"/>.</summary>
    public static string SearchTextOf(string e) =>
        $"{SearchText}({e}.entity_type, {e}.canonical_name, {e}.fields_json, {e}.merged_into)";

    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string?, string?, string?, string>(SearchText,
            (entityType, canonicalName, fieldsJson, mergedInto) => mergedInto is not null
                ? ""
                : SearchTexts.OfFieldsJson(entityType ?? "", canonicalName ?? "", fieldsJson),
            isDeterministic: true);
}
