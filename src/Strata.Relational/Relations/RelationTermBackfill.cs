using System.Data.Common;
using Dapper;

namespace Strata.Relational.Relations;

/// <summary>
/// Indexes the relations written before relation_terms existed (migration 0250), inside that migration's transaction:
/// the terms are recall's analysis (stemming), which SQL cannot do. Reads the observations in batches by their sequence
/// (bounded memory whatever the graph's size) and writes each batch's terms per user in one statement. Runs on the
/// migrating connection, which owns the tables (row-level security does not apply to it).
/// </summary>
internal static class RelationTermBackfill
{
    /// <summary>The migration after which it runs.</summary>
    public const long Version = 250;

    private const int BatchSize = 1_000;

    private const string Batch = """
        SELECT seq AS Seq, id AS Id, user_id AS UserId, relation_type AS RelationType, properties_json AS PropertiesJson
        FROM relation_observations WHERE seq > @after ORDER BY seq LIMIT @batch + 0
        """;

    public static async Task RunAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
    {
        var after = 0L;
        while (true)
        {
            var rows = (await connection.QueryAsync<Row>(Batch, new { after, batch = BatchSize }, transaction)).ToList();
            if (rows.Count == 0) return;
            foreach (var user in rows.GroupBy(r => r.UserId, StringComparer.Ordinal))
            {
                var (ids, terms) = RelationTermRows.Of(user.Select(row => (row.Id, row.RelationType, row.PropertiesJson)));
                if (ids.Count == 0) continue;
                await connection.ExecuteAsync(dialect.Relations.InsertTermsAtMigration250 ?? dialect.Relations.InsertTerms,
                    new { UserId = user.Key, ids = dialect.TextList(ids), terms = dialect.TextList(terms) }, transaction);
            }
            after = rows[^1].Seq;
        }
    }

    private sealed class Row
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string RelationType { get; set; } = "";
        public string PropertiesJson { get; set; } = "{}";
    }
}
