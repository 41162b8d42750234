using System.Data.Common;
using System.Text.Json;
using Dapper;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Storage;
using Strata.Relational.Keyset;

namespace Strata.Relational.Observations;

/// <summary>Observations and raw fragments of one user, on either database.</summary>
internal sealed class ObservationStore(StoreScope scope) : IObservationStore
{
    private const string ListName = "observations";

    private ObservationSql Sql => scope.Dialect.Observations;

    public Task<bool> InsertAsync(Observation observation, CancellationToken cancellationToken) =>
        RefusedWhenEntityGoneAsync(async () => await scope.Statement(Sql.Insert)
            .Bind("@Id", observation.Id).Bind("@UserId", scope.UserId).Bind("@EntityId", observation.EntityId)
            .Bind("@SourceId", observation.SourceId).Bind("@RunId", observation.RunId).Bind("@Kind", observation.Kind)
            .Bind("@Locator", observation.Locator).Bind("@Priority", observation.Priority).Bind("@State", observation.State)
            .Bind("@fieldsJson", StoredJson.Write(observation.Fields)).Bind("@Reason", observation.Reason)
            .Bind("@observedAt", scope.Dialect.LeanTime(observation.ObservedAt)).Bind("@createdAt", scope.Dialect.LeanTime(observation.CreatedAt))
            .ExecuteNonQueryAsync(cancellationToken) == 1);

    /// <summary>A few multi-row statements (<see cref="RowBatches"/>), each returning the ids it inserted.</summary>
    public Task<IReadOnlySet<string>> InsertAllAsync(IReadOnlyList<Observation> observations, CancellationToken cancellationToken) =>
        RefusedWhenEntityGoneAsync(() => InsertBatchesAsync(observations, cancellationToken));

    /// <summary>An observation whose entity a concurrent delete removed (it waited for that delete, which found the entity
    /// observed by nothing else) is refused with a stable code: written again, it resolves to an entity made anew.</summary>
    private async Task<T> RefusedWhenEntityGoneAsync<T>(Func<Task<T>> insert)
    {
        try
        {
            return await insert();
        }
        catch (DbException e) when (scope.Dialect.IsForeignKeyViolation(e))
        {
            throw new StrataException(ErrorCodes.Conflict,
                "An entity this write adds to was deleted meanwhile, with the history it came from; nothing was written. Write again.");
        }
    }

    private async Task<IReadOnlySet<string>> InsertBatchesAsync(IReadOnlyList<Observation> observations, CancellationToken cancellationToken)
    {
        var inserted = new HashSet<string>(observations.Count, StringComparer.Ordinal);
        var columns = ObservationSql.InsertManyColumns.Length;
        foreach (var (first, count) in RowBatches.Chunks(observations.Count))
        {
            var command = RowBatches.Statement(scope, Sql.InsertManyHead, Sql.InsertManyRow, Sql.InsertManyTail, ObservationSql.InsertManyColumns, count);
            for (var i = 0; i < count; i++)
            {
                var o = observations[first + i];
                RowBatches.Set(command, columns, i, 0, o.Id);
                RowBatches.Set(command, columns, i, 1, o.EntityId);
                RowBatches.Set(command, columns, i, 2, o.SourceId);
                RowBatches.Set(command, columns, i, 3, o.RunId);
                RowBatches.Set(command, columns, i, 4, o.Kind);
                RowBatches.Set(command, columns, i, 5, o.Locator);
                RowBatches.Set(command, columns, i, 6, o.Priority);
                RowBatches.Set(command, columns, i, 7, o.State);
                RowBatches.Set(command, columns, i, 8, StoredJson.Write(o.Fields));
                RowBatches.Set(command, columns, i, 9, o.Reason);
                RowBatches.Set(command, columns, i, 10, scope.Dialect.LeanTime(o.ObservedAt));
                RowBatches.Set(command, columns, i, 11, scope.Dialect.LeanTime(o.CreatedAt));
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(reader.GetString(0));
            }
        }
        return inserted;
    }

    public async Task<Observation?> GetAsync(string observationId, CancellationToken cancellationToken)
    {
        await using var reader = await scope.Statement(Sql.Get).Bind("@UserId", scope.UserId).Bind("@observationId", observationId)
            .ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyDictionary<string, Observation>> GetManyAsync(IReadOnlyCollection<string> observationIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Observation>(StringComparer.Ordinal);
        if (observationIds.Count == 0)
        {
            return found;
        }
        await using var reader = await scope.Statement(Sql.GetMany)
            .Bind("@UserId", scope.UserId).Bind("@observationIds", scope.Dialect.TextList(observationIds))
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var observation = Read(reader);
            found[observation.Id] = observation;
        }
        return found;
    }

    public async Task<IReadOnlyList<Observation>> ListForEntityAsync(string entityId, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var command = asOf is null
            ? scope.Statement(Sql.ListForEntity)
            : scope.Statement(Sql.ListForEntityAsOf)
                .Bind("@asOf", scope.Dialect.LeanTime(asOf.Value));
        var observations = new List<Observation>();
        await using var reader = await command.Bind("@UserId", scope.UserId).Bind("@entityId", entityId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            observations.Add(Read(reader));
        }
        return observations;
    }

    /// <summary>How many entities one query of <see cref="ListForEntitiesAsync"/> names.</summary>
    private const int EntitiesPerQuery = 500;

    public async Task<IReadOnlyList<Observation>> ListForEntitiesAsync(IReadOnlyList<string> entityIds, DateTimeOffset? asOf,
        CancellationToken cancellationToken)
    {
        var observations = new List<Observation>();
        for (var first = 0; first < entityIds.Count; first += EntitiesPerQuery)
        {
            var chunk = entityIds.Skip(first).Take(EntitiesPerQuery).ToList();
            var command = asOf is null
                ? scope.Statement(Sql.ListForEntities)
                : scope.Statement(Sql.ListForEntitiesAsOf).Bind("@asOf", scope.Dialect.LeanTime(asOf.Value));
            await using var reader = await command.Bind("@UserId", scope.UserId).Bind("@entityIds", scope.Dialect.TextList(chunk))
                .ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                observations.Add(Read(reader));
            }
        }
        return observations;
    }

    /// <summary>In creation order, paged by cursor over seq (unique and increasing), so every page costs the same.</summary>
    public async Task<Page<Observation>> ListForEntityPagedAsync(string entityId, Core.Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, entityId, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = "";
        if (paging.Cursor is not null)
        {
            parameters.Add("afterSeq", PageCursor.DecodeNumber(ListName, paging.Cursor).Key);
            after = "AND seq > @afterSeq";
        }
        var rows = new List<(Observation Observation, long Seq)>(paging.Limit + 1);
        using (var reader = await scope.Connection.ExecuteReaderAsync(
            $"SELECT {Sql.Columns} FROM observations WHERE {Sql.OfEntity} {after} ORDER BY seq LIMIT @Limit + 0 OFFSET @Offset",
            parameters, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((Read(reader), reader.GetInt64(13)));
            }
        }
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM observations WHERE {Sql.OfEntity}",
                new { scope.UserId, entityId }, scope.Transaction)
            : null;
        var page = Pages.Of(rows, paging, r => PageCursor.EncodeNumber(ListName, r.Seq, r.Observation.Id), total);
        return new Page<Observation>(page.Items.Select(r => r.Observation).ToList(), page.NextCursor, page.Total);
    }

    public Task<int> MoveAsync(string fromEntityId, string toEntityId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Move, new { scope.UserId, entityId = fromEntityId, toEntityId }, scope.Transaction);

    public async Task<bool> InsertRawFragmentAsync(RawFragment fragment, CancellationToken cancellationToken) =>
        await scope.Statement(Sql.InsertFragment)
            .Bind("@Id", fragment.Id).Bind("@UserId", scope.UserId).Bind("@SourceId", fragment.SourceId).Bind("@RunId", fragment.RunId)
            .Bind("@EntityId", fragment.EntityId).Bind("@Field", fragment.Field).Bind("@valueJson", fragment.Value.GetRawText())
            .Bind("@Reason", fragment.Reason).Bind("@createdAt", scope.Time(fragment.CreatedAt))
            .ExecuteNonQueryAsync(cancellationToken) == 1;

    public async Task<IReadOnlyList<RawFragment>> ListRawFragmentsAsync(string runId, CancellationToken cancellationToken)
    {
        var fragments = new List<RawFragment>();
        using var reader = await scope.Connection.ExecuteReaderAsync(Sql.ListFragments, new { scope.UserId, runId }, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var value = JsonDocument.Parse(reader.GetString(6));
            fragments.Add(new RawFragment(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), value.RootElement.Clone(), reader.GetString(7), StoredTime.Read(reader.GetValue(8))));
        }
        return fragments;
    }

    public async Task<(IReadOnlyList<EntityRef> Items, int Total)> EntitiesOfRunAsync(string runId, int limit, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<(string EntityId, string EntityType, string ObservationId)>(
            Sql.EntitiesOfRun, new { scope.UserId, runId, limit }, scope.Transaction);
        var total = await scope.Connection.ExecuteScalarAsync<int>(Sql.EntitiesOfRunCount, new { scope.UserId, runId }, scope.Transaction);
        return (rows.Select(r => new EntityRef(r.EntityId, r.EntityType, r.ObservationId)).ToList(), total);
    }

    /// <summary>A row of <see cref="ObservationSql.Columns"/>, in their order.</summary>
    internal static Observation Read(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.GetNullableString(3), reader.GetNullableString(4), reader.GetString(5), reader.GetString(6), reader.GetInt32(7),
        reader.GetString(8), StoredJson.ReadFields(reader.GetString(9)), reader.GetNullableString(10),
        StoredTime.Read(reader.GetValue(11)), StoredTime.Read(reader.GetValue(12)));
}
