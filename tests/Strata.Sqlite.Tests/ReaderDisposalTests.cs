using System.Runtime;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite.Tests;

/// <summary>
/// Dapper's reader (2.1) disposes the command it made only in <c>Dispose</c>: its <c>DisposeAsync</c> disposes the
/// reader alone, so <c>await using</c> on it left every command, with its prepared SQLite statement, to the finalizer
/// thread, which at 100,000 messages spent about as much CPU releasing them as recall spent answering. Readers the
/// SQL mapper makes are therefore disposed with a plain <c>using</c>. This test measures the memory of the statements prepared
/// on the connection a read session used, with the garbage collector held off so that nothing is finalized meanwhile.
/// </summary>
public sealed class ReaderDisposalTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public async Task Two_hundred_reads_through_the_SQL_mapper_leave_no_prepared_statement_behind()
    {
        using var store = SqliteStrataStore.Open(_database.PathOf("strata.db"), TimeProvider.System);
        await ReadAsync(store);
        var before = StatementBytes(store);
        Assert.True(before > 0, "the connection measured is not the one the read used: it holds no prepared statement");

        var held = GC.TryStartNoGCRegion(64L << 20);
        try
        {
            for (var i = 0; i < 200; i++) await ReadAsync(store);
        }
        finally
        {
            if (held && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        var after = StatementBytes(store);

        Assert.True(held, "the garbage collector could not be held off, so leaked statements might have been finalized unseen");
        // One statement costs a few kilobytes; two hundred left behind cost hundreds.
        Assert.True(after - before < 8 * 1024, $"the statements' memory grew from {before:N0} to {after:N0} bytes over 200 reads");
    }

    /// <summary>The test above watches one query; this keeps every other from going back to <c>await using</c>.</summary>
    [Fact]
    public void No_reader_the_SQL_mapper_makes_is_disposed_asynchronously_anywhere_in_the_source()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Strata.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var asynchronous = new System.Text.RegularExpressions.Regex(@"await\s+using\s*\(?\s*var\s+\w+\s*=\s*await\s+[\w.]*Connection\.ExecuteReaderAsync\(");
        var found = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => asynchronous.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root.FullName, f)).ToList();
        Assert.True(found.Count == 0, "await using on Dapper's reader leaves its command to the finalizer (see this class): " + string.Join(", ", found));
    }

    /// <summary>One read session and one query that goes through Dapper's reader.</summary>
    private static async Task ReadAsync(SqliteStrataStore store)
    {
        await using var session = await store.OpenReadAsync("nobody", CancellationToken.None);
        await session.Recall.PendingDocumentsAsync(CancellationToken.None);
    }

    /// <summary>The heap bytes of the statements prepared on the connection the last read gave back (the pool lends the
    /// last one returned, and read sessions have connections of their own), as SQLite counts them.</summary>
    private static int StatementBytes(SqliteStrataStore store)
    {
        const int statementMemory = 3; // SQLITE_DBSTATUS_STMT_USED
        using var lease = store.Pool.LeaseForRead();
        Assert.True(lease.Pooled.QueryOnly);
        Assert.Equal(0, SQLitePCL.raw.sqlite3_db_status(lease.Connection.Handle, statementMemory, out var used, out _, 0));
        return used;
    }

    public void Dispose() => _database.Delete();
}
