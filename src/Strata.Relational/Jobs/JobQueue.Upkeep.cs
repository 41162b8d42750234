using Dapper;
using Strata.Core.Jobs;

namespace Strata.Relational.Jobs;

/// <summary>The rescuer, pruning and the reads.</summary>
internal sealed partial class JobQueue
{
    public async Task<int> RescueExpiredAsync(CancellationToken cancellationToken)
    {
        var now = Time(clock.GetUtcNow());
        // Every command calls this on open: a read first (no writer lock on SQLite, never waits on a long write) keeps
        // the common case, nothing expired, from queueing behind another process's write transaction.
        var expired = await work.ReadAsync((connection, transaction) => connection.ExecuteScalarAsync<bool>(
            Sql.AnyExpired, new { now }, transaction), cancellationToken);
        if (!expired) return 0;
        return await work.WriteAsync(async (connection, transaction) =>
        {
            var rescued = await connection.ExecuteAsync(Sql.Rescue, new { now }, transaction);
            await connection.ExecuteAsync(Sql.FailRescuedDeliveries, new { now }, transaction);
            return rescued;
        }, cancellationToken);
    }

    public Task<int> PruneAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.Prune, new { cutoff = Time(finishedBefore) }, transaction),
            cancellationToken);

    public async Task<Job?> GetAsync(long jobId, CancellationToken cancellationToken)
    {
        var row = await work.ReadAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<JobRow>(
            Sql.Get, new { jobId }, transaction), cancellationToken);
        return row?.ToJob();
    }

    public async Task<Job?> FindBySubjectAsync(string kind, string subject, CancellationToken cancellationToken)
    {
        var row = await work.ReadAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<JobRow>(
            Sql.FindBySubject, new { kind, subject, sessionUserId }, transaction), cancellationToken);
        return row?.ToJob();
    }

    public async Task<IReadOnlyList<JobCount>> CountAsync(CancellationToken cancellationToken)
    {
        var rows = await work.ReadAsync((connection, transaction) => connection.QueryAsync<(string Kind, string State, long Count)>(
            Sql.Count, transaction: transaction), cancellationToken);
        return rows.Select(r => new JobCount(r.Kind, r.State, r.Count)).ToList();
    }

    public async Task<IReadOnlyList<JobCount>> CountBySubjectAsync(string kind, string subject, CancellationToken cancellationToken)
    {
        var rows = await work.ReadAsync((connection, transaction) => connection.QueryAsync<(string Kind, string State, long Count)>(
            Sql.CountBySubject, new { kind, subject, sessionUserId }, transaction), cancellationToken);
        return rows.Select(r => new JobCount(r.Kind, r.State, r.Count)).ToList();
    }

    /// <summary>One row as either database returns it; times are <see cref="object"/> (see <see cref="StoredTime"/>).</summary>
    private sealed class JobRow
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string Payload { get; set; } = "{}";
        public string? UserId { get; set; }
        public string State { get; set; } = "";
        public int Attempt { get; set; }
        public int MaxAttempts { get; set; }
        public object ScheduledAt { get; set; } = "";
        public string? LeaseOwner { get; set; }
        public object? LeaseExpiresAt { get; set; }
        public string? LastError { get; set; }
        public string? Subject { get; set; }
        public string? UniqueKey { get; set; }
        public object CreatedAt { get; set; } = "";
        public object UpdatedAt { get; set; } = "";
        public object? FinishedAt { get; set; }

        public string? TraceParent { get; set; }

        public Job ToJob() => new(Id, Kind, Payload, UserId, State, Attempt, MaxAttempts, StoredTime.Read(ScheduledAt), LeaseOwner,
            StoredTime.ReadNullable(LeaseExpiresAt), LastError, Subject, UniqueKey, StoredTime.Read(CreatedAt), StoredTime.Read(UpdatedAt),
            StoredTime.ReadNullable(FinishedAt)) { TraceParent = TraceParent };
    }
}
