using Strata.Core.Review;

namespace Strata.Relational.Review;

/// <summary>The filtered list of a run's blocks (<see cref="BlockValueQuery"/>): the database walks the run's items in
/// index order (run_items' primary key), joining each to its value and, for a block type, its block by primary key, and
/// pages with LIMIT/OFFSET, so a page never reads the run into memory.</summary>
internal sealed partial record ReviewSql
{
    /// <summary>A field of the value in force as text: a string's characters, a number or boolean as written
    /// (<c>@fieldPath</c> is the JSON path of the field). The default is SQLite's.</summary>
    public string FieldText { get; init; } = """
        CASE json_type(v.value_json, @fieldPath) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null'
            ELSE CAST(json_extract(v.value_json, @fieldPath) AS TEXT) END
        """;

    /// <summary>"contains": ignoring case (SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE).</summary>
    public string ContainsLike { get; init; } = "LIKE";

    private const string MatchFrom = """
        FROM run_items i
        LEFT JOIN block_values v ON v.user_id = i.user_id AND v.run_id = i.run_id AND v.block_index = i.item_index
        WHERE i.user_id = @UserId AND i.run_id = @runId
        """;

    /// <summary>The WHERE of a query: fixed fragments chosen by what the query gives; the values are parameters.</summary>
    public string MatchWhere(BlockValueQuery query)
    {
        var where = MatchFrom;
        where += query.State switch
        {
            null => "",
            BlockValueStates.Staged or BlockValueStates.Confirmed => " AND i.status = 'completed' AND v.state = @state",
            BlockValueQuery.Rejected => " AND i.status IN ('pending', 'claimed') AND v.state = 'pending'",
            _ => " AND i.status = @state",
        };
        if (query.BlockType is not null)
        {
            where += """
                 AND EXISTS (SELECT 1 FROM document_blocks b WHERE b.user_id = i.user_id AND b.document_id = @documentId
                    AND b.block_index = i.item_index AND b.block_type = @blockType)
                """;
        }
        if (query.Field is not null)
        {
            where += $" AND i.status = 'completed' AND v.state IN ('staged', 'confirmed') AND ({FieldText})"
                + (query.Contains is null ? " = @equals" : $" {ContainsLike} @pattern ESCAPE '\\'");
        }
        return where;
    }

    public string ListMatching(BlockValueQuery query) =>
        $"SELECT i.item_index AS ItemIndex, i.status AS ItemStatus {MatchWhere(query)} AND i.item_index > @afterIndex ORDER BY i.item_index LIMIT @limit + 0 OFFSET @offset";

    public string CountMatching(BlockValueQuery query) => $"SELECT COUNT(*) {MatchWhere(query)}";

    /// <summary>The values of the listed blocks (<c>@indexes</c>: Dapper's list on SQLite, an array on PostgreSQL).</summary>
    public string IndexIn { get; init; } = "block_index IN @indexes";

    public string ValuesAt => $"SELECT {ValueColumns} FROM block_values WHERE user_id = @UserId AND run_id = @runId AND {IndexIn}";
}
