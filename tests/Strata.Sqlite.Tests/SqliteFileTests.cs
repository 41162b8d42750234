using Microsoft.Data.Sqlite;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite.Tests;

/// <summary>The SQLite library the store runs on, and the files it leaves on disk.</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public void The_store_runs_on_SQLite_3_50_or_later_which_has_contentless_delete_full_text_tables()
    {
        using var store = SqliteStrataStore.Open(_database.PathOf("strata.db"), TimeProvider.System);
        using var connection = new SqliteConnection($"Data Source={_database.PathOf("strata.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";

        var version = Version.Parse((string)command.ExecuteScalar()!);

        Assert.True(version >= new Version(3, 50), $"SQLite {version} is older than 3.50");
    }

    [Fact]
    public async Task After_a_clean_close_the_write_ahead_log_is_gone_or_empty()
    {
        var path = _database.PathOf("strata.db");
        var store = SqliteStrataStore.Open(path, TimeProvider.System);
        for (var i = 0; i < 50; i++)
        {
            await store.Users.InsertAsync(new Strata.Core.Users.User($"usr_{i}", $"user-{i}", "free", DateTimeOffset.UnixEpoch, false), null, CancellationToken.None);
        }
        Assert.True(new FileInfo(path + "-wal").Length > 0, "the writes went to the WAL first");

        store.Dispose();

        var wal = new FileInfo(path + "-wal");
        Assert.True(!wal.Exists || wal.Length == 0, wal.Exists ? $"{wal.Length} bytes of WAL left behind" : "");
        using var reopened = SqliteStrataStore.Open(path, TimeProvider.System);
        Assert.NotNull(await reopened.Users.FindByNameAsync("user-49", CancellationToken.None));
    }

    [Fact]
    public async Task Once_bulk_writes_stop_the_write_ahead_log_is_folded_into_the_database_and_cut_to_zero_while_the_store_stays_open()
    {
        var path = _database.PathOf("strata.db");
        var timers = new HeldTimers();
        using var store = SqliteStrataStore.Open(path, timers);
        var wal = new FileInfo(path + "-wal");
        for (var i = 0; i < 20_000 && LengthOf(wal) <= SqliteStrataStore.BulkWalBytes; i++)
        {
            await using var session = await store.OpenWriteAsync("usr_bulk", CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
            await store.Users.InsertAsync(new Strata.Core.Users.User($"usr_{i}", $"user-{i} {new string('x', 2_000)}", "free",
                DateTimeOffset.UnixEpoch, false), null, CancellationToken.None);
        }
        Assert.True(LengthOf(wal) > SqliteStrataStore.BulkWalBytes, $"the writes left {LengthOf(wal)} bytes of WAL");

        Assert.Equal(1, timers.FireDue()); // the quiet period after the last committed write session ends

        Assert.Equal(0, LengthOf(wal));
        Assert.NotNull(await store.Users.FindByNameAsync($"user-0 {new string('x', 2_000)}", CancellationToken.None));
    }

    [Fact]
    public async Task A_store_that_wrote_little_leaves_its_write_ahead_log_to_the_automatic_checkpoint_until_it_closes()
    {
        var path = _database.PathOf("strata.db");
        var timers = new HeldTimers();
        using var store = SqliteStrataStore.Open(path, timers);
        await store.Users.InsertAsync(new Strata.Core.Users.User("usr_small", "small", "free", DateTimeOffset.UnixEpoch, false), null, CancellationToken.None);
        await using (var session = await store.OpenWriteAsync("usr_small", CancellationToken.None))
        {
            await session.CommitAsync(CancellationToken.None);
        }
        var before = LengthOf(new FileInfo(path + "-wal"));

        Assert.Equal(1, timers.FireDue());

        Assert.InRange(before, 1, SqliteStrataStore.BulkWalBytes);
        Assert.Equal(before, LengthOf(new FileInfo(path + "-wal")));
    }

    private static long LengthOf(FileInfo file)
    {
        file.Refresh();
        return file.Exists ? file.Length : 0;
    }

    public void Dispose() => _database.Delete();
}
