using Dapper;
using Strata.Core;
using Strata.Core.Duplicates;

namespace Strata.Postgres.Storage;

internal sealed class PostgresDuplicateStore(PostgresScope scope) : IDuplicateStore
{
    /// <summary>Pairs whose entities still stand on their own: once merged, a pair is no longer a question.</summary>
    private const string Visible = """
        FROM duplicate_candidates d
        JOIN entities a ON a.id = d.entity_a AND a.merged_into IS NULL
        JOIN entities b ON b.id = d.entity_b AND b.merged_into IS NULL
        WHERE d.user_id = @UserId
        """;

    private const string Columns = """
        d.entity_type AS EntityType, d.entity_a AS EntityA, a.canonical_name AS NameA, d.entity_b AS EntityB, b.canonical_name AS NameB,
        d.score AS Score, d.status AS Status, d.detected_at AS DetectedAt, d.dismissed_at AS DismissedAt
        """;

    public async Task<IReadOnlyList<TypeCount>> UnmergedCountsAsync(CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<(string EntityType, int Count)>(
            "SELECT entity_type, COUNT(*)::int FROM entities WHERE user_id = @UserId AND merged_into IS NULL GROUP BY entity_type ORDER BY entity_type",
            new { scope.UserId }, scope.Transaction)).Select(r => new TypeCount(r.EntityType, r.Count)).ToList();

    public async Task<IReadOnlyList<NamedEntity>> UnmergedAsync(string entityType, int limit, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<(string Id, string Name)>(
            "SELECT id, canonical_name FROM entities WHERE user_id = @UserId AND entity_type = @entityType AND merged_into IS NULL ORDER BY id LIMIT @limit",
            new { scope.UserId, entityType, limit }, scope.Transaction)).Select(r => new NamedEntity(r.Id, r.Name)).ToList();

    public async Task<int> SaveAsync(IReadOnlyList<DuplicatePair> pairs, DateTimeOffset detectedAt, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var pair in pairs)
        {
            // New pairs come in pending; a known pair only gets its new score, so a dismissal stands.
            var parameters = new { scope.UserId, pair.EntityType, pair.EntityA, pair.EntityB, pair.Score, detectedAt = PgTime.Write(detectedAt) };
            var isNew = await scope.Connection.ExecuteAsync("""
                INSERT INTO duplicate_candidates (user_id, entity_type, entity_a, entity_b, score, status, detected_at)
                VALUES (@UserId, @EntityType, @EntityA, @EntityB, @Score, 'pending', @detectedAt)
                ON CONFLICT (user_id, entity_a, entity_b) DO NOTHING
                """, parameters, scope.Transaction);
            if (isNew == 0)
            {
                await scope.Connection.ExecuteAsync(
                    "UPDATE duplicate_candidates SET score = @Score WHERE user_id = @UserId AND entity_a = @EntityA AND entity_b = @EntityB",
                    parameters, scope.Transaction);
            }
            added += isNew;
        }
        return added;
    }

    public async Task<(IReadOnlyList<DuplicateCandidate> Items, int Total)> ListAsync(string? entityType, bool includeDismissed, Paging paging,
        CancellationToken cancellationToken)
    {
        var where = $"{Visible} AND (@entityType::text IS NULL OR d.entity_type = @entityType) AND (@includeDismissed OR d.status = 'pending')";
        var parameters = new { scope.UserId, entityType, includeDismissed, paging.Limit, paging.Offset };
        var rows = await scope.Connection.QueryAsync<CandidateRow>(
            $"SELECT {Columns} {where} ORDER BY d.score DESC, d.entity_a, d.entity_b LIMIT @Limit OFFSET @Offset", parameters, scope.Transaction);
        var total = await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) {where}", parameters, scope.Transaction);
        return (rows.Select(r => r.ToCandidate()).ToList(), total);
    }

    public async Task<DuplicateCandidate?> GetAsync(string entityA, string entityB, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<CandidateRow>(
            $"SELECT {Columns} {Visible} AND d.entity_a = @entityA AND d.entity_b = @entityB",
            new { scope.UserId, entityA, entityB }, scope.Transaction))?.ToCandidate();

    public async Task<bool> DismissAsync(string entityA, string entityB, DateTimeOffset dismissedAt, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            UPDATE duplicate_candidates SET status = 'dismissed', dismissed_at = COALESCE(dismissed_at, @dismissedAt)
            WHERE user_id = @UserId AND entity_a = @entityA AND entity_b = @entityB
            """, new { scope.UserId, entityA, entityB, dismissedAt = PgTime.Write(dismissedAt) }, scope.Transaction) == 1;

    private sealed class CandidateRow
    {
        public string EntityType { get; set; } = "";
        public string EntityA { get; set; } = "";
        public string NameA { get; set; } = "";
        public string EntityB { get; set; } = "";
        public string NameB { get; set; } = "";
        public double Score { get; set; }
        public string Status { get; set; } = "";
        public DateTime DetectedAt { get; set; }
        public DateTime? DismissedAt { get; set; }

        public DuplicateCandidate ToCandidate() => new(EntityType, EntityA, NameA, EntityB, NameB, Score, Status,
            PgTime.Read(DetectedAt), PgTime.Read(DismissedAt));
    }
}
