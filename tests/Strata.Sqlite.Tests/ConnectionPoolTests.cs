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
        using var pool = PoolWithWrittenTable(TimeSpan.FromSeconds(5));
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
        using var pool = PoolWithWrittenTable(TimeSpan.FromSeconds(30));
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

    [Fact]
    public async Task Read_connections_stay_query_only_and_keep_their_prepared_statements_from_lease_to_lease()
    {
        using var pool = PoolWithWrittenTable(TimeSpan.FromSeconds(5));
        using (var first = pool.LeaseForWrite())
        {
            Execute(first.Connection, "INSERT INTO written (n) VALUES (1)");
        }

        PooledConnection reader;
        using (var lease = pool.LeaseForRead())
        {
            reader = lease.Pooled;
            Assert.True(reader.QueryOnly);
            Assert.Equal((1L, 0), await CountAsync(reader));
            var refused = Assert.Throws<SqliteException>(() => Execute(lease.Connection, "INSERT INTO written (n) VALUES (2)"));
            Assert.Equal(SQLitePCL.raw.SQLITE_READONLY, refused.SqliteErrorCode);
        }
        // Writes in between, on connections that can write: the reader's statements stay prepared all the same.
        using (var other = pool.Lease())
        {
            Assert.False(other.Pooled.QueryOnly);
            Execute(other.Connection, "INSERT INTO written (n) VALUES (3)");
        }
        using (var again = pool.LeaseForRead())
        {
            Assert.Same(reader, again.Pooled);
            // The statement was compiled once: not expired and compiled again on this run (setting query_only expires every
            // prepared statement of the connection, which a connection switched on and off around each read session did).
            Assert.Equal((2L, 0), await CountAsync(reader));
        }
    }

    /// <summary>Runs a positional statement that counts the rows, on the connection's own prepared copy.</summary>
    private static async Task<(long Count, int Recompiled)> CountAsync(PooledConnection connection)
    {
        var statement = (SqlitePositionalStatement)connection.Positional("SELECT COUNT(*) FROM written", [])!;
        await using var rows = statement.Run();
        Assert.True(await rows.ReadAsync(CancellationToken.None));
        return (rows.GetInt64(0), statement.Recompiled);
    }

    /// <summary>A pool over a store's file (the store creates it), with a table <c>written (n)</c> made through the pool.</summary>
    private ConnectionPool PoolWithWrittenTable(TimeSpan busyTimeout)
    {
        SqliteStrataStore.Open(_database.PathOf("strata.db"), TimeProvider.System).Dispose();
        var pool = new ConnectionPool(new SqliteConnectionStringBuilder { DataSource = _database.PathOf("strata.db"), Pooling = false }.ToString(),
            busyTimeout);
        using var first = pool.LeaseForWrite();
        Execute(first.Connection, "CREATE TABLE IF NOT EXISTS written (n INTEGER)");
        return pool;
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
