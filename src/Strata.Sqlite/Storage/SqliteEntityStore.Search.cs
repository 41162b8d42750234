using System.Text;
using Dapper;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Sqlite.Storage;

internal sealed partial class SqliteEntityStore
{
    /// <summary>Trigram FTS finds substrings of three characters or more; shorter words fall back to LIKE.</summary>
    /// <remarks>A text query is driven by its full-text matches (CROSS JOIN fixes the join order; left to itself the
    /// planner walks every entity of the user by index and probes the match list), and the matches are found once
    /// for both the page and the total.</remarks>
    public async Task<(IReadOnlyList<Snapshot> Items, int Total)> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE e.user_id = @UserId");
        var parameters = new DynamicParameters(new { scope.UserId, query.Paging.Limit, query.Paging.Offset });
        if (query.EntityType is not null)
        {
            where.Append(" AND e.entity_type = @entityType");
            parameters.Add("entityType", query.EntityType);
        }
        if (!query.IncludeMerged)
        {
            where.Append(" AND e.merged_into IS NULL");
        }
        var match = "";
        if (query.Text is not null)
        {
            var words = query.Text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            match = string.Join(' ', words.Where(w => w.Length >= 3).Select(w => "\"" + w.Replace("\"", "\"\"") + "\""));
            var i = 0;
            foreach (var word in words.Where(w => w.Length < 3))
            {
                where.Append($" AND e.search_text LIKE @like{i} ESCAPE '\\'");
                parameters.Add($"like{i++}", "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            }
        }
        if (match.Length == 0)
        {
            var page = await ReadSnapshotsAsync(
                $"SELECT {SnapshotColumns.Replace("id AS", "e.id AS")} FROM entities e {where} ORDER BY e.updated_at DESC, e.id LIMIT @Limit OFFSET @Offset",
                parameters, cancellationToken);
            return (page, await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM entities e {where}", parameters, scope.Transaction));
        }

        parameters.Add("match", match);
        var hits = $"SELECT e.rowid AS hit, e.updated_at AS updated_at, e.id AS id FROM entities_fts f CROSS JOIN entities e ON e.rowid = f.rowid {where} AND f.entities_fts MATCH @match";
        var total = -1;
        var items = await ReadSnapshotsAsync($"""
            WITH hits AS MATERIALIZED ({hits})
            SELECT {SnapshotColumns.Replace("id AS", "e.id AS")}, (SELECT COUNT(*) FROM hits) AS total
            FROM (SELECT hit FROM hits ORDER BY updated_at DESC, id LIMIT @Limit OFFSET @Offset) page
            CROSS JOIN entities e ON e.rowid = page.hit
            ORDER BY e.updated_at DESC, e.id
            """, parameters, cancellationToken, reader => total = reader.GetInt32(8));
        if (total < 0)
        {
            // An empty page says nothing of the total: none matched, or the page lies beyond the last match.
            total = query.Paging.Offset == 0 ? 0 : await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM ({hits})", parameters, scope.Transaction);
        }
        return (items, total);
    }

    private async Task<List<Snapshot>> ReadSnapshotsAsync(string sql, DynamicParameters parameters, CancellationToken cancellationToken,
        Action<System.Data.Common.DbDataReader>? alsoRead = null)
    {
        var items = new List<Snapshot>();
        await using var reader = await scope.Connection.ExecuteReaderAsync(sql, parameters, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadSnapshot(reader));
            alsoRead?.Invoke(reader);
        }
        return items;
    }

    public async Task<(IReadOnlyList<TimelineEvent> Items, int Total)> TimelineAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        const string where = """
            WHERE user_id = @UserId AND (@From IS NULL OR date >= @From) AND (@toExclusive IS NULL OR date < @toExclusive)
              AND (@EntityType IS NULL OR entity_type = @EntityType)
            """;
        // "to" is a whole day: a datetime on that day is still inside the range.
        var parameters = new { scope.UserId, query.From, toExclusive = query.To is null ? null : query.To + "\uffff", query.EntityType,
            query.Paging.Limit, query.Paging.Offset };
        var rows = await scope.Connection.QueryAsync<TimelineRow>($"""
            SELECT entity_id AS EntityId, entity_type AS EntityType, canonical_name AS CanonicalName, label AS Label, field AS Field, date AS Date
            FROM timeline_events {where} ORDER BY date, entity_id, field LIMIT @Limit OFFSET @Offset
            """, parameters, scope.Transaction);
        var total = await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM timeline_events {where}", parameters, scope.Transaction);
        return (rows.Select(r => new TimelineEvent(r.EntityId, r.EntityType, r.CanonicalName, r.Label, r.Field, r.Date)).ToList(), total);
    }

    private sealed class TimelineRow
    {
        public string EntityId { get; set; } = "";
        public string EntityType { get; set; } = "";
        public string CanonicalName { get; set; } = "";
        public string Label { get; set; } = "";
        public string Field { get; set; } = "";
        public string Date { get; set; } = "";
    }
}
