using Dapper;
using Strata.Core.Entities;

namespace Strata.Relational.Entities;

/// <summary>Whether an entity is still observed, and deleting one that is not with every row that refers to it: what a
/// delete of the history it came from leaves to remove (docs/review.md, "Deleting").</summary>
internal sealed partial class EntityStore
{
    public async Task<bool> IsObservedAsync(Entity entity, CancellationToken cancellationToken)
    {
        var parameters = new { scope.UserId, entityId = entity.Id };
        if (await Count(scope.Dialect.Observations.CountForEntity, parameters) > 0) return true;
        // Observations first written to it are elsewhere only when it was merged away or split; only then is that asked.
        if (entity.MergedInto is null && await Count(Sql.SplitFrom, parameters) == 0) return false;
        return await Count(scope.Dialect.Observations.FirstWrittenToCount, parameters) > 0;
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var chunk in entityIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            foreach (var entityId in chunk)
            {
                var parameters = new { scope.UserId, entityId };
                if (Sql.SearchRowKey is not null && Sql.SearchDelete is not null
                    && await scope.Connection.ExecuteScalarAsync<long?>(Sql.SearchRowKey, parameters, scope.Transaction) is { } rowId)
                {
                    await scope.Statement(Sql.SearchDelete).Bind("@rowId", rowId).ExecuteNonQueryAsync(cancellationToken);
                }
                // On SQLite the keys are found by the entity's row, which must still be there.
                await scope.Connection.ExecuteAsync(scope.Dialect.EntityKeys.RemoveEntity, parameters, scope.Transaction);
                _insertedUnsaved.Remove(entityId);
            }
            var list = new { scope.UserId, entityIds = scope.Dialect.TextList(chunk) };
            foreach (var statement in Sql.DeleteReferences)
            {
                await scope.Connection.ExecuteAsync(statement, list, scope.Transaction);
            }
            await scope.Connection.ExecuteAsync(scope.Dialect.Relations.DeleteTouching, list, scope.Transaction);
            deleted += await scope.Connection.ExecuteAsync(Sql.DeleteEntities, list, scope.Transaction);
        }
        return deleted;
    }

    private Task<long> Count(string sql, object parameters) =>
        scope.Connection.ExecuteScalarAsync<long>(sql, parameters, scope.Transaction);
}
