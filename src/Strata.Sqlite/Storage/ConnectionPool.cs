using System.Collections.Concurrent;

namespace Strata.Sqlite.Storage;

/// <summary>
/// Open connections of one database, reused by session after session with their prepared statements (the
/// driver's own pool would reopen them, rerun the connection pragmas and forget every prepared statement).
/// </summary>
internal sealed class ConnectionPool(string connectionString, TimeSpan busyTimeout) : IDisposable
{
    private const int MaxIdle = 8;

    private readonly ConcurrentStack<PooledConnection> _idle = new();
    private volatile bool _disposed;

    public ConnectionLease Lease() => new(this, _idle.TryPop(out var connection) ? connection : PooledConnection.Open(connectionString, busyTimeout));

    public void Return(PooledConnection connection)
    {
        if (!_disposed && _idle.Count < MaxIdle && connection.Reusable)
        {
            _idle.Push(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
    }
}

/// <summary>A pooled connection lent for one piece of work; disposing gives it back.</summary>
internal sealed class ConnectionLease(ConnectionPool pool, PooledConnection pooled) : IDisposable, IAsyncDisposable
{
    private bool _returned;

    public PooledConnection Pooled => pooled;

    public Microsoft.Data.Sqlite.SqliteConnection Connection => pooled.Connection;

    public void Dispose()
    {
        if (_returned) return;
        _returned = true;
        pool.Return(pooled);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
