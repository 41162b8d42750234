using System.Collections.Concurrent;

namespace Strata.Sqlite.Storage;

/// <summary>
/// Open connections of one database, reused by session after session with their prepared statements (the
/// driver's own pool would reopen them, rerun the connection pragmas and forget every prepared statement).
/// One of them is kept for writes: SQLite takes one writer at a time, so a write session gets the connection the last
/// write used, whose statements (a structured write prepares about 40) are prepared and whose page cache holds the
/// pages writes touch. Taken from the shared stack instead, a write could get a connection that only a reader or the
/// worker had used, and prepare its statements again (the first write of `strata mcp` did, after its warm-up).
/// Read sessions take connections of their own, query-only for life (<see cref="LeaseForRead"/>).
/// </summary>
internal sealed class ConnectionPool(string connectionString, TimeSpan busyTimeout) : IDisposable
{
    private const int MaxIdle = 8;

    private readonly ConcurrentStack<PooledConnection> _idle = new();
    private readonly ConcurrentStack<PooledConnection> _readers = new();
    private PooledConnection? _writer;
    private volatile bool _disposed;

    /// <summary>A connection that can write, for work outside a session (and a read session's is never one).</summary>
    public ConnectionLease Lease() => new(this, _idle.TryPop(out var connection) ? connection : Open(), write: false);

    /// <summary>A read session's connection: <c>query_only</c> since it was opened and until it is closed, so its
    /// prepared statements are kept from session to session (turning the pragma on and off expired them all).</summary>
    public ConnectionLease LeaseForRead()
    {
        if (_readers.TryPop(out var reader)) return new(this, reader, write: false);
        var opened = Open();
        try
        {
            opened.MakeQueryOnly();
        }
        catch
        {
            opened.Dispose();
            throw;
        }
        return new(this, opened, write: false);
    }

    /// <summary>The writers' connection when no other write holds it, else any.</summary>
    public ConnectionLease LeaseForWrite() =>
        new(this, Interlocked.Exchange(ref _writer, null) ?? (_idle.TryPop(out var connection) ? connection : Open()), write: true);

    private PooledConnection Open() => PooledConnection.Open(connectionString, busyTimeout);

    public void Return(PooledConnection connection, bool write)
    {
        if (_disposed || !connection.Reusable)
        {
            connection.Dispose();
            return;
        }
        if (write && Interlocked.CompareExchange(ref _writer, connection, null) is null)
        {
            return;
        }
        // At most MaxIdle kept in all, readers' and others'.
        if (_idle.Count + _readers.Count < MaxIdle)
        {
            (connection.QueryOnly ? _readers : _idle).Push(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _writer, null)?.Dispose();
        while (_idle.TryPop(out var connection) || _readers.TryPop(out connection))
        {
            connection.Dispose();
        }
    }
}

/// <summary>A pooled connection lent for one piece of work; disposing gives it back.</summary>
internal sealed class ConnectionLease(ConnectionPool pool, PooledConnection pooled, bool write) : IDisposable, IAsyncDisposable
{
    private bool _returned;

    public PooledConnection Pooled => pooled;

    public Microsoft.Data.Sqlite.SqliteConnection Connection => pooled.Connection;

    public void Dispose()
    {
        if (_returned) return;
        _returned = true;
        pool.Return(pooled, write);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
