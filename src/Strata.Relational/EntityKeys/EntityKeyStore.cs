using System.Text.Json;
using Dapper;
using Strata.Core.Entities.Identity;

namespace Strata.Relational.EntityKeys;

/// <summary>The identity keys the session user's entities hold, on either database.</summary>
internal sealed class EntityKeyStore(StoreScope scope) : IEntityKeyStore
{
    private EntityKeySql Sql => scope.Dialect.EntityKeys;

    public async Task<IReadOnlyList<EntityKeyHolder>> FindAsync(IReadOnlyCollection<string> keyHashes, CancellationToken cancellationToken)
    {
        if (keyHashes.Count == 0) return [];
        var hashes = JsonSerializer.Serialize(keyHashes.ToArray(), RelationalJson.Default.StringArray);
        var holders = new List<EntityKeyHolder>();
        // A prepared statement, not Dapper: every write's first lookup, where emitting a reader per call shows.
        await using var reader = await scope.Statement(Sql.Find).Bind("@UserId", scope.UserId).Bind("@hashes", hashes)
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            holders.Add(new EntityKeyHolder(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return holders;
    }

    public async Task AddAsync(IReadOnlyCollection<EntityKeyHolder> holders, CancellationToken cancellationToken)
    {
        if (holders.Count == 0) return;
        var rows = JsonSerializer.Serialize(holders.Select(h => new[] { h.KeyHash, h.EntityId, h.EntityType }).ToArray(),
            RelationalJson.Default.StringArrayArray);
        await scope.Statement(Sql.Add).Bind("@UserId", scope.UserId).Bind("@rows", rows).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveEntityAsync(string entityId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(
            new CommandDefinition(Sql.RemoveEntity, new { scope.UserId, entityId }, scope.Transaction, cancellationToken: cancellationToken));
}
