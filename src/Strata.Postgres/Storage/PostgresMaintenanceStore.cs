using Dapper;
using Strata.Core.Maintenance;

namespace Strata.Postgres.Storage;

/// <summary>Maintenance across users, each call in its own transaction.</summary>
internal sealed class PostgresMaintenanceStore(IPostgresWork work) : IMaintenanceStore
{
    public async Task<IReadOnlyList<TimedOutRun>> FindStaleRunsAsync(DateTimeOffset heartbeatBefore, int limit, CancellationToken cancellationToken)
    {
        // A run that never beat has its start as its last sign of life.
        var runs = await work.ReadAsync((connection, transaction) => connection.QueryAsync<(string UserId, string RunId, string SourceId)>("""
            SELECT user_id, id, source_id FROM runs
            WHERE status = 'running' AND COALESCE(heartbeat_at, started_at, created_at) < @cutoff
            ORDER BY COALESCE(heartbeat_at, started_at, created_at), id
            LIMIT @limit
            """, new { cutoff = PgTime.Write(heartbeatBefore), limit }, transaction));
        return runs.Select(r => new TimedOutRun(r.UserId, r.RunId, r.SourceId)).ToList();
    }

    public Task<int> ArchiveRunsAsync(DateTimeOffset finishedBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => connection.ExecuteAsync("""
            UPDATE runs SET archived_at = @now
            WHERE archived_at IS NULL AND status IN ('completed', 'failed', 'cancelled') AND completed_at < @cutoff
            """, new { now = PgTime.Write(now), cutoff = PgTime.Write(finishedBefore) }, transaction));

    public Task<StoreGauges> ReadGaugesAsync(CancellationToken cancellationToken) =>
        work.ReadAsync(async (connection, transaction) =>
        {
            var bytes = await connection.ExecuteScalarAsync<long?>("SELECT SUM(bytes_stored) FROM usage_storage", transaction: transaction);
            var duplicates = await connection.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM duplicate_candidates d
                JOIN entities a ON a.id = d.entity_a AND a.merged_into IS NULL
                JOIN entities b ON b.id = d.entity_b AND b.merged_into IS NULL
                WHERE d.status = 'pending'
                """, transaction: transaction);
            var runs = await connection.QueryAsync<(string Status, long Count)>(
                "SELECT status, COUNT(*) FROM runs GROUP BY status", transaction: transaction);
            return new StoreGauges(bytes ?? 0, duplicates, runs.ToDictionary(r => r.Status, r => r.Count));
        });
}
