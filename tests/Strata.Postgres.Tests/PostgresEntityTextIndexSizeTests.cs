using Dapper;
using Npgsql;
using Strata.Storage.Compliance;

namespace Strata.Postgres.Tests;

/// <summary>
/// The trigram index over entities' text (migration 0395) is a GIN index, which appends new entries to an unsorted
/// pending list before merging them into its tree. With PostgreSQL's default list limit (4 MB) the list was most of the
/// index at a few thousand entities: 2,000 contacts written one at a time left a 2.2 MB index whose entries, built in
/// one pass, take 0.4 MB. Migration 0410 bounds the list; written one row at a time, the index stays within twice the
/// size of the same index built at once.
/// </summary>
public sealed class PostgresEntityTextIndexSizeTests : IAsyncLifetime
{
    private string? _url;

    public async Task InitializeAsync() =>
        _url = await PostgresTestDatabase.CreateHoldingAsync("INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', now());");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_url is not null) await PostgresTestDatabase.DropAsync(_url);
    }

    [Fact]
    public async Task Entities_written_one_at_a_time_leave_a_text_index_within_twice_its_size_built_at_once()
    {
        await using var owner = new NpgsqlConnection(_url + ";Pooling=false");
        await owner.OpenAsync();
        string[] first = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda"];
        string[] last = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis"];
        string[] companies = ["north analytics", "maple bakery", "nova labs", "river freight", "blue harbor"];
        for (var i = 0; i < 2000; i++)
        {
            var (given, family) = (first[i % first.Length], last[i / first.Length % last.Length]);
            var text = $"{given}.{family}.{i}@example.com {given} {family} {companies[i % companies.Length]} title {i % 10}";
            // One statement and one transaction per entity, as separate writes arrive.
            await owner.ExecuteAsync("""
                INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, search_text)
                VALUES (@id, 'usr_a', 'contact', @name, now(), now(), @text)
                """, new { id = $"ent_{i:D6}", name = $"{given} {family}", text });
        }

        var written = await owner.ExecuteScalarAsync<long>("SELECT pg_relation_size('entities_text_trigrams')");
        await owner.ExecuteAsync("REINDEX INDEX entities_text_trigrams");
        var builtAtOnce = await owner.ExecuteScalarAsync<long>("SELECT pg_relation_size('entities_text_trigrams')");

        Assert.True(written <= 2 * builtAtOnce, $"the index written one entity at a time is {written:N0} bytes; built at once, {builtAtOnce:N0}");
        var options = await owner.ExecuteScalarAsync<string[]>("SELECT reloptions FROM pg_class WHERE relname = 'entities_text_trigrams'");
        Assert.Contains("gin_pending_list_limit=64", options!);
    }
}
