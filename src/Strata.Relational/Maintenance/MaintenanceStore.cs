using Dapper;
using Strata.Core.Maintenance;
using Strata.Relational.Work;

namespace Strata.Relational.Maintenance;

/// <summary>Maintenance across users, each call in its own transaction.</summary>
internal sealed class MaintenanceStore(IStoreWork work) : IMaintenanceStore
{
    private MaintenanceSql Sql => work.Dialect.Maintenance;

    public async Task<IReadOnlyList<TimedOutRun>> FindStaleRunsAsync(DateTimeOffset heartbeatBefore, int limit, CancellationToken cancellationToken)
    {
        var runs = await work.ReadAsync((connection, transaction) => connection.QueryAsync<(string UserId, string RunId, string SourceId)>(
            Sql.StaleRuns, new { cutoff = work.Dialect.Time(heartbeatBefore), limit }, transaction), cancellationToken);
        return runs.Select(r => new TimedOutRun(r.UserId, r.RunId, r.SourceId)).ToList();
    }

    public async Task<IReadOnlyList<StaleConversion>> FindStaleConversionsAsync(DateTimeOffset updatedBefore, int limit, CancellationToken cancellationToken)
    {
        var documents = await work.ReadAsync((connection, transaction) => connection.QueryAsync<(string UserId, string DocumentId)>(
            Sql.StaleConversions, new { cutoff = work.Dialect.Time(updatedBefore), limit }, transaction), cancellationToken);
        return documents.Select(d => new StaleConversion(d.UserId, d.DocumentId)).ToList();
    }

    public Task<int> ArchiveRunsAsync(DateTimeOffset finishedBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.ArchiveRuns,
            new { now = work.Dialect.Time(now), cutoff = work.Dialect.Time(finishedBefore) }, transaction), cancellationToken);

    public Task<StoreGauges> ReadGaugesAsync(CancellationToken cancellationToken) =>
        work.ReadAsync(async (connection, transaction) =>
        {
            var bytes = await connection.ExecuteScalarAsync<long?>(Sql.BytesStored, transaction: transaction);
            var duplicates = await connection.ExecuteScalarAsync<long>(Sql.PendingDuplicates, transaction: transaction);
            var runs = await connection.QueryAsync<(string Status, long Count)>(Sql.RunsByStatus, transaction: transaction);
            return new StoreGauges(bytes ?? 0, duplicates, runs.ToDictionary(r => r.Status, r => r.Count));
        }, cancellationToken);
}
