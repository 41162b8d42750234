using Dapper;
using Strata.Core.Jobs;
using Strata.Relational.Work;

namespace Strata.Relational.Jobs;

/// <summary>
/// The job queue over the <c>jobs</c> table, on either database. A claim is one <c>UPDATE … WHERE id = (SELECT …
/// LIMIT 1) RETURNING</c>: SQLite's single writer lock keeps two claims apart, PostgreSQL's <c>FOR UPDATE SKIP
/// LOCKED</c> (<see cref="JobSql.ClaimRowLock"/>) lets concurrent workers skip each other's rows. Every settle is fenced
/// on (id, lease_owner, attempt, state = running).
/// </summary>
internal sealed partial class JobQueue(IStoreWork work, TimeProvider clock, string? sessionUserId) : IJobQueue
{
    private JobSql Sql => work.Dialect.Jobs;

    private object Time(DateTimeOffset value) => work.Dialect.Time(value);

    public Task<long?> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        if (sessionUserId is not null && request.UserId != sessionUserId)
        {
            // A session acts for one user: it may not queue work on another's behalf.
            throw new InvalidOperationException($"A session of {sessionUserId} cannot enqueue a job for {request.UserId ?? "no user"}.");
        }
        if (request.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(request), "max_attempts must be at least 1.");
        var now = Time(clock.GetUtcNow());
        var scheduledAt = request.RunAt is { } runAt ? Time(runAt) : now;
        return work.WriteAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<long?>(Sql.Enqueue,
            new { request.Kind, request.Payload, request.UserId, request.MaxAttempts, scheduledAt, request.Subject, request.UniqueKey, now,
                traceParent = Core.Tracing.StrataTracing.CurrentParent() },
            transaction), cancellationToken);
    }

    public async Task<Job?> ClaimAsync(JobClaim claim, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = await work.WriteAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<JobRow>(Sql.Claim,
            new { claim.Owner, expires = Time(now + claim.LeaseFor), now = Time(now), kinds = claim.Kinds.ToArray(), claim.Subject },
            transaction), cancellationToken);
        return row?.ToJob();
    }

    public async Task<bool> ExtendLeaseAsync(JobLease lease, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.ExtendLease,
            new { lease.JobId, lease.Owner, lease.Attempt, expires = Time(now + leaseFor), now = Time(now) },
            transaction), cancellationToken) == 1;
    }

    public async Task<bool> CompleteAsync(JobLease lease, CancellationToken cancellationToken)
    {
        var now = Time(clock.GetUtcNow());
        return await work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.Complete,
            new { lease.JobId, lease.Owner, lease.Attempt, now }, transaction), cancellationToken) == 1;
    }

    public Task<string?> FailAsync(JobLease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var now = Time(clock.GetUtcNow());
        return work.WriteAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<string?>(Sql.Fail,
            new { lease.JobId, lease.Owner, lease.Attempt, error, retryAt = retryAt is { } at ? Time(at) : null, now },
            transaction), cancellationToken);
    }

    public async Task<bool> SnoozeAsync(JobLease lease, DateTimeOffset runAt, CancellationToken cancellationToken)
    {
        var now = Time(clock.GetUtcNow());
        return await work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.Snooze,
            new { lease.JobId, lease.Owner, lease.Attempt, runAt = Time(runAt), now }, transaction), cancellationToken) == 1;
    }
}
