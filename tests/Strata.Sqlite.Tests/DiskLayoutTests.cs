using System.Text.Json;
using Microsoft.Data.Sqlite;
using Strata.Core.Entities;
using Strata.Core.Snapshots;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite.Tests;

/// <summary>What a bulk write of new entities leaves on disk (issue 10: bytes per entity). The bundled SQLite has no
/// dbstat table, so pages are counted by what a rebuild frees.</summary>
public sealed class DiskLayoutTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public async Task Entities_written_in_batches_fill_the_pages_of_the_list_index_and_keep_one_id_for_a_single_observations_provenance()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (var store = SqliteStrataStore.Open(_database.PathOf("strata.db"), TimeProvider.System))
        {
            await store.Users.InsertAsync(new Strata.Core.Users.User("usr_a", "a", "free", start, false), null, CancellationToken.None);
            for (var batch = 0; batch < 40; batch++)
            {
                // Each batch is written later than the one before, as a bulk write's calls are.
                var at = start.AddSeconds(batch);
                await using var session = await store.OpenWriteAsync("usr_a", CancellationToken.None);
                await session.Entities.InsertAllAsync(Enumerable.Range(batch * 50, 50).Select(i => New($"ent_{i:x8}", at)).ToList(), CancellationToken.None);
                await session.CommitAsync(CancellationToken.None);
            }
        }

        using var connection = new SqliteConnection($"Data Source={_database.PathOf("strata.db")};Pooling=False");
        connection.Open();
        // Rebuilding an index writes its pages full and frees the rest: the write left it as full as a rebuild would.
        // Here 3 pages of about 40 (a batch's rows share a time and go in by id); 23 when new rows went to the index's
        // left edge, and 237 of 472 at 10,000 contacts.
        Assert.Equal(0L, Scalar<long>(connection, "PRAGMA freelist_count"));
        Scalar<long>(connection, "REINDEX entities_by_user; SELECT 0");
        var freed = Scalar<long>(connection, "PRAGMA freelist_count");
        Assert.True(freed <= 5, $"the list index was left with {freed} pages a rebuild does without");
        Assert.Equal("\"obs_ent_00000007\"", Scalar<string>(connection, "SELECT provenance_json FROM entities WHERE id = 'ent_00000007'"));
    }

    private static NewEntity New(string id, DateTimeOffset at)
    {
        var fields = new Dictionary<string, JsonElement>
        {
            ["name"] = JsonSerializer.SerializeToElement(id + " name"),
            ["email"] = JsonSerializer.SerializeToElement(id + "@example.com"),
        };
        var winner = "obs_" + id;
        var provenance = fields.Keys.ToDictionary(f => f, _ => winner);
        return new NewEntity(new Entity(id, "usr_a", "contact", id, null, null, at),
            new Snapshot(id, "contact", id, fields, provenance, 1, at, null), id + " name");
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _database.Delete();
}
