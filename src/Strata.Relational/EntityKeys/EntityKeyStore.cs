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
        var rows = await scope.Connection.QueryAsync<HolderRow>(
            new CommandDefinition(Sql.Find, new { scope.UserId, hashes }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new EntityKeyHolder(r.KeyHash, r.EntityId, r.EntityType)).ToList();
    }

    public async Task AddAsync(IReadOnlyCollection<EntityKeyHolder> holders, CancellationToken cancellationToken)
    {
        if (holders.Count == 0) return;
        var rows = JsonSerializer.Serialize(holders.Select(h => new[] { h.KeyHash, h.EntityId, h.EntityType }).ToArray(),
            RelationalJson.Default.StringArrayArray);
        await scope.Connection.ExecuteAsync(
            new CommandDefinition(Sql.Add, new { scope.UserId, rows }, scope.Transaction, cancellationToken: cancellationToken));
    }

    public async Task RemoveEntityAsync(string entityId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(
            new CommandDefinition(Sql.RemoveEntity, new { scope.UserId, entityId }, scope.Transaction, cancellationToken: cancellationToken));

    private sealed class HolderRow
    {
        public string KeyHash { get; set; } = "";
        public string EntityId { get; set; } = "";
        public string EntityType { get; set; } = "";
    }
}
