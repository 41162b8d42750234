using Microsoft.Data.Sqlite;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite.Tests;

/// <summary>The connections a store lends, and which one a write gets.</summary>
public sealed class ConnectionPoolTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public async Task Each_write_gets_the_connection_the_last_write_used_while_readers_take_and_return_others_at_the_same_time()
    {
        using var store = SqliteStrataStore.Open(_database.PathOf("strata.db"), TimeProvider.System); // creates the file
        using var pool = new ConnectionPool(new SqliteConnectionStringBuilder { DataSource = _database.PathOf("strata.db"), Pooling = false }.ToString(),
            TimeSpan.FromSeconds(5));
        using (var first = pool.LeaseForWrite())
        {
            Execute(first.Connection, "CREATE TABLE IF NOT EXISTS written (n INTEGER)");
        }
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                using var lease = pool.Lease();
                Execute(lease.Connection, "SELECT COUNT(*) FROM written");
                reads++;
                await Task.Yield();
            }
            return reads;
        })).ToArray();

        PooledConnection? previous = null;
        var others = 0;
        for (var i = 0; i < 200; i++)
        {
            using var lease = pool.LeaseForWrite();
            if (previous is not null && !ReferenceEquals(previous, lease.Pooled)) others++;
            using (var transaction = lease.Connection.BeginTransaction(deferred: false))
            {
                using var insert = lease.Connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO written (n) VALUES ({i})";
                insert.ExecuteNonQuery();
                transaction.Commit();
            }
            previous = lease.Pooled;
            lease.Dispose();
            // Two reads overlap and end in turn: the last connection given back to the shared stack is not the writer's.
            var firstRead = pool.Lease();
            var secondRead = pool.Lease();
            Execute(firstRead.Connection, "SELECT COUNT(*) FROM written");
            Execute(secondRead.Connection, "SELECT COUNT(*) FROM written");
            firstRead.Dispose();
            secondRead.Dispose();
            await Task.Yield();
        }
        await stop.CancelAsync();
        var reads = await Task.WhenAll(readers);

        Assert.Equal(0, others);
        Assert.All(reads, count => Assert.True(count > 0));
        using var check = pool.Lease();
        Assert.Equal(200L, Scalar(check.Connection, "SELECT COUNT(*) FROM written"));
    }

    [Fact]
    public async Task Writes_at_the_same_time_never_share_a_connection_and_all_commit()
    {
        using var store = SqliteStrataStore.Open(_database.PathOf("strata.db"), TimeProvider.System);
        using var pool = new ConnectionPool(new SqliteConnectionStringBuilder { DataSource = _database.PathOf("strata.db"), Pooling = false }.ToString(),
            TimeSpan.FromSeconds(30));
        using (var first = pool.LeaseForWrite())
        {
            Execute(first.Connection, "CREATE TABLE IF NOT EXISTS written (n INTEGER)");
        }
        var lent = new System.Collections.Concurrent.ConcurrentDictionary<PooledConnection, int>();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                using var lease = i % 5 == 4 ? pool.Lease() : pool.LeaseForWrite();
                Assert.True(lent.TryAdd(lease.Pooled, w), "a connection lent to two writers at once");
                try
                {
                    using var transaction = lease.Connection.BeginTransaction(deferred: false);
                    using var insert = lease.Connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = $"INSERT INTO written (n) VALUES ({w * 100 + i})";
                    insert.ExecuteNonQuery();
                    await Task.Yield();
                    transaction.Commit();
                }
                finally
                {
                    lent.TryRemove(lease.Pooled, out _);
                }
            }
        }));
        await Task.WhenAll(writers);

        using var check = pool.Lease();
        Assert.Equal(200L, Scalar(check.Connection, "SELECT COUNT(DISTINCT n) FROM written"));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _database.Delete();
}
