using System.Data.Common;
using Dapper;
using Strata.Core.MemoryServer;
using Strata.Core.Observations;
using Strata.Relational.Observations;

namespace Strata.Relational.Entities;

/// <summary>
/// Fills the kept state (<see cref="MemoryEntityState"/>) of the <c>memory_entity</c> entities written before migration
/// 0350, inside that migration's transaction: the state is the profile's fold of the entity's observations, which SQL
/// cannot do. Reads the entities in batches by id (bounded memory whatever the store's size), each batch's observations
/// per user in one statement (the dialect's own, in the order written), and writes each entity's state. Runs on the
/// migrating connection, which owns the tables (row-level security does not apply to it).
/// </summary>
internal static class MemoryStateBackfill
{
    /// <summary>The migration after which it runs.</summary>
    public const long Version = 350;

    private const int BatchSize = 500;

    private const string Batch = """
        SELECT id AS Id, user_id AS UserId FROM entities WHERE entity_type = 'memory_entity' AND id > @after ORDER BY id LIMIT @batch + 0
        """;

    private const string Update = "UPDATE entities SET memory_name = @name, memory_state = @state WHERE user_id = @userId AND id = @id";

    private const string Any = "SELECT 1 FROM entities WHERE entity_type = 'memory_entity' LIMIT 1";

    public static async Task RunAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
    {
        // A new store (the usual case: every migration runs at its first open, before its first write) has nothing to
        // fill: asked with a plain command, so that it does not pay for the SQL mapper's generated readers either.
        await using (var any = connection.CreateCommand())
        {
            any.CommandText = Any;
            any.Transaction = transaction;
            if (await any.ExecuteScalarAsync() is null) return;
        }
        var after = "";
        while (true)
        {
            var rows = (await connection.QueryAsync<(string Id, string UserId)>(Batch, new { after, batch = BatchSize }, transaction)).ToList();
            if (rows.Count == 0) return;
            foreach (var user in rows.GroupBy(r => r.UserId, StringComparer.Ordinal))
            {
                var ids = user.Select(r => r.Id).ToList();
                var observations = ids.ToDictionary(id => id, _ => new List<Observation>(), StringComparer.Ordinal);
                await using (var reader = await connection.ExecuteReaderAsync(dialect.Observations.ListForEntitiesAtMigration350 ?? dialect.Observations.ListForEntities,
                    new { UserId = user.Key, entityIds = dialect.TextList(ids) }, transaction))
                {
                    while (await reader.ReadAsync())
                    {
                        var observation = ObservationStore.Read(reader);
                        if (observations.TryGetValue(observation.EntityId, out var list)) list.Add(observation);
                    }
                }
                foreach (var (id, list) in observations)
                {
                    var state = MemoryEntityState.Of(list);
                    await connection.ExecuteAsync(Update, new { name = state.Name, state = state.Json, userId = user.Key, id }, transaction);
                }
            }
            after = rows[^1].Id;
        }
    }
}
