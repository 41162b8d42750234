using Dapper;
using Strata.Core.Jobs;

namespace Strata.Sqlite.Storage;

/// <summary>
/// The job queue over the <c>jobs</c> table. A claim is one <c>UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING</c>
/// under SQLite's single writer lock, so two workers never take the same row. Every settle is fenced on
/// (id, lease_owner, attempt, state = running): a worker whose lease was rescued or re-claimed changes nothing.
/// </summary>
internal sealed partial class SqliteJobQueue(ISqliteWork work, TimeProvider clock, string? sessionUserId) : IJobQueue
{
    private const string Columns = """
        id AS Id, kind AS Kind, payload AS Payload, user_id AS UserId, state AS State, attempt AS Attempt,
        max_attempts AS MaxAttempts, scheduled_at AS ScheduledAt, lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt,
        last_error AS LastError, subject AS Subject, unique_key AS UniqueKey, created_at AS CreatedAt, updated_at AS UpdatedAt,
        finished_at AS FinishedAt
        """;

    /// <summary>The lease fence every settle carries.</summary>
    private const string Fence = "id = @JobId AND lease_owner = @Owner AND attempt = @Attempt AND state = 'running'";

    public Task<long?> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        if (sessionUserId is not null && request.UserId != sessionUserId)
        {
            // A session acts for one user: it may not queue work on another's behalf.
            throw new InvalidOperationException($"A session of {sessionUserId} cannot enqueue a job for {request.UserId ?? "no user"}.");
        }
        if (request.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(request), "max_attempts must be at least 1.");
        var now = SqliteTime.Write(clock.GetUtcNow());
        return work.WriteAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<long?>("""
            INSERT INTO jobs (kind, payload, user_id, state, attempt, max_attempts, scheduled_at, subject, unique_key, created_at, updated_at)
            VALUES (@Kind, @Payload, @UserId, 'available', 0, @MaxAttempts, @scheduledAt, @Subject, @UniqueKey, @now, @now)
            ON CONFLICT (unique_key) DO NOTHING
            RETURNING id
            """,
            new { request.Kind, request.Payload, request.UserId, request.MaxAttempts, scheduledAt = SqliteTime.Write(request.RunAt) ?? now,
                request.Subject, request.UniqueKey, now }, transaction));
    }

    public async Task<Job?> ClaimAsync(JobClaim claim, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = await work.WriteAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<JobRow>($"""
            UPDATE jobs SET state = 'running', attempt = attempt + 1, lease_owner = @Owner, lease_expires_at = @expires, updated_at = @now
            WHERE id = (
                SELECT id FROM jobs
                WHERE state IN ('available', 'retryable') AND scheduled_at <= @now AND kind IN @kinds
                  AND (@Subject IS NULL OR subject = @Subject)
                ORDER BY scheduled_at, id
                LIMIT 1)
            RETURNING {Columns}
            """,
            new { claim.Owner, expires = SqliteTime.Write(now + claim.LeaseFor), now = SqliteTime.Write(now), kinds = claim.Kinds.ToArray(), claim.Subject },
            transaction));
        return row?.ToJob();
    }

    public async Task<bool> ExtendLeaseAsync(JobLease lease, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await work.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            $"UPDATE jobs SET lease_expires_at = @expires, updated_at = @now WHERE {Fence}",
            new { lease.JobId, lease.Owner, lease.Attempt, expires = SqliteTime.Write(now + leaseFor), now = SqliteTime.Write(now) },
            transaction)) == 1;
    }

    public async Task<bool> CompleteAsync(JobLease lease, CancellationToken cancellationToken)
    {
        var now = SqliteTime.Write(clock.GetUtcNow());
        return await work.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            $"UPDATE jobs SET state = 'completed', lease_expires_at = NULL, last_error = NULL, finished_at = @now, updated_at = @now WHERE {Fence}",
            new { lease.JobId, lease.Owner, lease.Attempt, now }, transaction)) == 1;
    }

    public Task<string?> FailAsync(JobLease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var now = SqliteTime.Write(clock.GetUtcNow());
        return work.WriteAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<string?>($"""
            UPDATE jobs SET
                state = CASE WHEN @retryAt IS NOT NULL AND attempt < max_attempts THEN 'retryable' ELSE 'failed' END,
                scheduled_at = CASE WHEN @retryAt IS NOT NULL AND attempt < max_attempts THEN @retryAt ELSE scheduled_at END,
                finished_at = CASE WHEN @retryAt IS NOT NULL AND attempt < max_attempts THEN NULL ELSE @now END,
                lease_owner = NULL, lease_expires_at = NULL, last_error = @error, updated_at = @now
            WHERE {Fence}
            RETURNING state
            """,
            new { lease.JobId, lease.Owner, lease.Attempt, error, retryAt = SqliteTime.Write(retryAt), now }, transaction));
    }

    public async Task<bool> SnoozeAsync(JobLease lease, DateTimeOffset runAt, CancellationToken cancellationToken)
    {
        var now = SqliteTime.Write(clock.GetUtcNow());
        // One more allowed attempt: waiting for something else is not a failure and must not use one up.
        return await work.WriteAsync((connection, transaction) => connection.ExecuteAsync($"""
            UPDATE jobs SET state = 'available', scheduled_at = @runAt, max_attempts = max_attempts + 1,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            WHERE {Fence}
            """,
            new { lease.JobId, lease.Owner, lease.Attempt, runAt = SqliteTime.Write(runAt), now }, transaction)) == 1;
    }
}
