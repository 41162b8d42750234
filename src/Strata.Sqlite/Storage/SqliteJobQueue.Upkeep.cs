using Dapper;
using Strata.Core.Jobs;

namespace Strata.Sqlite.Storage;

/// <summary>The rescuer, pruning and the reads.</summary>
internal sealed partial class SqliteJobQueue
{
    public async Task<int> RescueExpiredAsync(CancellationToken cancellationToken)
    {
        var now = SqliteTime.Write(clock.GetUtcNow());
        // Every command calls this on open: a read first (no writer lock, never waits on a long write) keeps the
        // common case, nothing expired, from queueing behind another process's write transaction.
        var expired = await work.ReadAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(
            "SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'running' AND lease_expires_at < @now)", new { now }, transaction));
        if (expired == 0) return 0;
        return await work.WriteAsync((connection, transaction) => connection.ExecuteAsync("""
            UPDATE jobs SET
                state = CASE WHEN attempt < max_attempts THEN 'retryable' ELSE 'failed' END,
                finished_at = CASE WHEN attempt < max_attempts THEN NULL ELSE @now END,
                last_error = 'The lease of ' || lease_owner || ' expired at ' || lease_expires_at || ' (the worker stopped or hung)',
                scheduled_at = @now, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            WHERE state = 'running' AND lease_expires_at < @now
            """, new { now }, transaction));
    }

    public Task<int> PruneAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "DELETE FROM jobs WHERE state IN ('completed', 'failed', 'cancelled') AND finished_at < @cutoff",
            new { cutoff = SqliteTime.Write(finishedBefore) }, transaction));

    public async Task<Job?> GetAsync(long jobId, CancellationToken cancellationToken)
    {
        var row = await work.ReadAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<JobRow>(
            $"SELECT {Columns} FROM jobs WHERE id = @jobId", new { jobId }, transaction));
        return row?.ToJob();
    }

    public async Task<Job?> FindBySubjectAsync(string kind, string subject, CancellationToken cancellationToken)
    {
        var row = await work.ReadAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<JobRow>($"""
            SELECT {Columns} FROM jobs
            WHERE subject = @subject AND kind = @kind AND (@sessionUserId IS NULL OR user_id = @sessionUserId)
            ORDER BY id DESC LIMIT 1
            """, new { kind, subject, sessionUserId }, transaction));
        return row?.ToJob();
    }

    public async Task<IReadOnlyList<JobCount>> CountAsync(CancellationToken cancellationToken)
    {
        var rows = await work.ReadAsync((connection, transaction) => connection.QueryAsync<(string Kind, string State, long Count)>(
            "SELECT kind, state, COUNT(*) FROM jobs GROUP BY kind, state ORDER BY kind, state", transaction: transaction));
        return rows.Select(r => new JobCount(r.Kind, r.State, r.Count)).ToList();
    }

    private sealed class JobRow
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string Payload { get; set; } = "{}";
        public string? UserId { get; set; }
        public string State { get; set; } = "";
        public int Attempt { get; set; }
        public int MaxAttempts { get; set; }
        public string ScheduledAt { get; set; } = "";
        public string? LeaseOwner { get; set; }
        public string? LeaseExpiresAt { get; set; }
        public string? LastError { get; set; }
        public string? Subject { get; set; }
        public string? UniqueKey { get; set; }
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public string? FinishedAt { get; set; }

        public Job ToJob() => new(Id, Kind, Payload, UserId, State, Attempt, MaxAttempts, SqliteTime.Read(ScheduledAt), LeaseOwner,
            SqliteTime.ReadNullable(LeaseExpiresAt), LastError, Subject, UniqueKey, SqliteTime.Read(CreatedAt), SqliteTime.Read(UpdatedAt),
            SqliteTime.ReadNullable(FinishedAt));
    }
}
