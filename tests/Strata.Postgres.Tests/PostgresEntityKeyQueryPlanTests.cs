using Dapper;
using Npgsql;
using Strata.Postgres.Storage;
using Strata.Storage.Compliance;

namespace Strata.Postgres.Tests;

/// <summary>
/// Every write looks up the identity keys of its records (<c>EntityKeySql.Find</c>). Over two users of 10,000 entities
/// each, as a session does (the application role, under row-level security), the lookup must probe the primary key once
/// per wanted key, whether or not the table has statistics (the test servers run without autovacuum, and a store being
/// filled has none yet): written as <c>IN (SELECT … jsonb_array_elements_text …)</c> it hash-joined the wanted keys
/// against all of the user's keys, so a long ingest read every key once per chunk (a 20,000-record run spent most of
/// its time there, up to 600 ms a lookup on a loaded machine).
/// </summary>
public sealed class PostgresEntityKeyQueryPlanTests : IAsyncLifetime
{
    private string? _url;

    public async Task InitializeAsync()
    {
        _url = await PostgresTestDatabase.CreateHoldingAsync("""
            INSERT INTO users (id, name, plan, created_at) SELECT 'usr_' || u, u, 'free', now() FROM unnest(ARRAY['a', 'b']) u;
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at)
            SELECT 'ent_' || u || i, 'usr_' || u, 'contact', 'Person ' || i, now(), now() FROM unnest(ARRAY['a', 'b']) u, generate_series(1, 10000) i;
            INSERT INTO entity_keys (user_id, key, entity_id)
            SELECT 'usr_' || u, decode(md5(u || i), 'hex'), 'ent_' || u || i FROM unnest(ARRAY['a', 'b']) u, generate_series(1, 10000) i;
            """);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_url is not null) await PostgresTestDatabase.DropAsync(_url);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lookup_probes_the_primary_key_per_wanted_key_and_never_reads_all_the_users_keys(bool analysed)
    {
        if (analysed)
        {
            await using var owner = new NpgsqlConnection(_url + ";Pooling=false");
            await owner.ExecuteAsync("ANALYZE entities; ANALYZE entity_keys;");
        }
        // 40 of usr_a's keys and 10 that nobody holds.
        var wanted = Enumerable.Range(1, 50).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(
            System.Text.Encoding.UTF8.GetBytes(i <= 40 ? "a" + (i * 200) : "z" + i)))).ToArray();
        var hashes = System.Text.Json.JsonSerializer.Serialize(wanted);

        await using var connection = new NpgsqlConnection(_url + ";Pooling=false");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('strata.user_id', 'usr_a', true); SET LOCAL ROLE strata_app;", transaction: transaction);
        var sql = PostgresDialect.Instance.EntityKeys.Find;
        var plan = (await connection.QueryAsync<string>("EXPLAIN (ANALYZE, COSTS OFF) " + sql, new { UserId = "usr_a", hashes }, transaction)).ToList();
        var found = (await connection.QueryAsync<string>(sql, new { UserId = "usr_a", hashes }, transaction)).ToList();

        Assert.Equal(40, found.Count);
        Assert.Contains(plan, step => step.Contains("Index Cond: ", StringComparison.Ordinal) && step.Contains("key = ANY", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("Seq Scan on entity_keys", StringComparison.Ordinal)
            || step.Contains("Hash Semi Join", StringComparison.Ordinal));
        // The scan of entity_keys returns the keys found, not the user's 10,000.
        var keyScan = plan.Single(step => step.Contains(" on entity_keys k", StringComparison.Ordinal));
        Assert.Contains("rows=40 ", keyScan, StringComparison.Ordinal);
    }
}
