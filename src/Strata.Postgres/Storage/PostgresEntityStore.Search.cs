using System.Text;
using Dapper;
using Strata.Core.Entities;
using Strata.Core.Snapshots;
using Strata.Relational.Entities;

namespace Strata.Postgres.Storage;

internal sealed partial class PostgresEntityStore
{
    /// <summary>Every word of the query must occur in the entity's search text (its name and values, lower-cased). A
    /// query of whole words (<see cref="WordQuery"/>) also finds, and ranks first, the entities where every word begins
    /// a word of the text with diacritics removed, as SQLite's word index does; the rest follow, each part newest first.</summary>
    /// <remarks>No index serves this: the user's entities are read as before, and the rank is one more test per row.
    /// A word begins where no letter or digit comes before it ([:alnum:], which under a UTF-8 ctype knows letters of
    /// every script, as SQLite's unicode61 does).</remarks>
    public async Task<(IReadOnlyList<Snapshot> Items, int? Total)> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE user_id = @UserId");
        var parameters = new DynamicParameters(new { scope.UserId, query.Paging.Limit, query.Paging.Offset });
        if (query.EntityType is not null)
        {
            where.Append(" AND entity_type = @entityType");
            parameters.Add("entityType", query.EntityType);
        }
        if (!query.IncludeMerged)
        {
            where.Append(" AND merged_into IS NULL");
        }
        var contains = new StringBuilder("true");
        var i = 0;
        foreach (var word in query.Text!.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            contains.Append($" AND strpos(search_text, @word{i}) > 0");
            parameters.Add($"word{i++}", word);
        }
        var from = "entities";
        var rank = "";
        if (WordQuery.Of(query.Text) is { } words)
        {
            // The text without its combining diacritical marks, once per row.
            from = "entities CROSS JOIN LATERAL (SELECT regexp_replace(normalize(search_text, NFD), '[\\u0300-\\u036f]', '', 'g') AS folded) f";
            var begins = new StringBuilder("true");
            i = 0;
            foreach (var word in words.Words)
            {
                begins.Append($" AND f.folded ~ @begins{i}");
                parameters.Add($"begins{i++}", "(^|[^[:alnum:]])" + word);
            }
            rank = $"({begins}) DESC, ";
            contains.Insert(0, $"({begins}) OR (").Append(')');
        }
        where.Append($" AND ({contains})");
        var rows = await scope.Connection.QueryAsync<SnapshotRow>(
            $"SELECT {EntityRows.ReadingProvenance(SnapshotColumns, query.WithProvenance)} FROM {from} {where} ORDER BY {rank}updated_at DESC, id LIMIT @Limit OFFSET @Offset",
            parameters, scope.Transaction);
        int? total = query.Paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {from} {where}", parameters, scope.Transaction)
            : null;
        return (rows.Select(r => r.ToSnapshot()).ToList(), total);
    }
}
