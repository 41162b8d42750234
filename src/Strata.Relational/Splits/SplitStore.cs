using System.Text.Json;
using Dapper;
using Strata.Core.Entities;
using Strata.Core.Entities.Splits;

namespace Strata.Relational.Splits;

/// <summary>Splits and unmerges of the session user's entities, on either database. Lists of ids are passed as arrays
/// (PostgreSQL) or as one JSON array (SQLite): see <see cref="SplitSql"/> and the dialects.</summary>
internal sealed class SplitStore(StoreScope scope) : ISplitStore
{
    private SplitSql Sql => scope.Dialect.Splits;

    public async Task<int> MoveAsync(IReadOnlyCollection<string> observationIds, string fromEntityId, string toEntityId, CancellationToken cancellationToken)
    {
        if (observationIds.Count == 0) return 0;
        return await scope.Connection.ExecuteAsync(new CommandDefinition(Sql.Move,
            new { scope.UserId, fromEntityId, toEntityId, ids = List(observationIds) }, scope.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<string>> FirstWrittenToAsync(string entityId, IReadOnlyCollection<string> originalEntityIds, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<string>(new CommandDefinition(Sql.FirstWrittenTo,
            new { scope.UserId, entityId, originals = List(originalEntityIds) }, scope.Transaction, cancellationToken: cancellationToken))).ToList();

    public async Task<MergeRecord?> GetMergeAsync(string mergeId, CancellationToken cancellationToken)
    {
        var row = await scope.Connection.QuerySingleOrDefaultAsync<MergeRow>(new CommandDefinition(Sql.GetMerge,
            new { scope.UserId, mergeId }, scope.Transaction, cancellationToken: cancellationToken));
        return row is null ? null
            : new MergeRecord(row.Id, row.UserId, row.FromEntityId, row.ToEntityId, row.Reason, row.ObservationsMoved, StoredTime.Read(row.MergedAt));
    }

    public async Task<IReadOnlyList<string>> MergedIntoAsync(string entityId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<string>(new CommandDefinition(Sql.MergedInto,
            new { scope.UserId, entityId }, scope.Transaction, cancellationToken: cancellationToken))).ToList();

    public async Task ReopenAsync(string entityId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(new CommandDefinition(Sql.Reopen, new { scope.UserId, entityId }, scope.Transaction,
            cancellationToken: cancellationToken));

    public async Task InsertAsync(SplitRecord split, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(new CommandDefinition(Sql.Insert,
            new { split.Id, scope.UserId, split.FromEntityId, split.ToEntityId, split.MergeId, split.Reason, split.ObservationsMoved,
                splitAt = scope.Time(split.SplitAt) }, scope.Transaction, cancellationToken: cancellationToken));

    public async Task<string?> UndoneByAsync(string mergeId, CancellationToken cancellationToken) =>
        await scope.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql.UndoneBy,
            new { scope.UserId, mergeId }, scope.Transaction, cancellationToken: cancellationToken));

    /// <summary>An id list as this database takes it as one parameter.</summary>
    private object List(IReadOnlyCollection<string> ids) => scope.Dialect.TextList(ids);

    private sealed class MergeRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string FromEntityId { get; set; } = "";
        public string ToEntityId { get; set; } = "";
        public string? Reason { get; set; }
        public int ObservationsMoved { get; set; }
        public object MergedAt { get; set; } = "";
    }
}
