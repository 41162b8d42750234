using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests;

/// <summary>The mapping from each store's "no space" to <c>STORAGE_FULL</c>, by code. SQLite's is a real one (a
/// database held at its size with <c>max_page_count</c>); PostgreSQL's SQLSTATE 53100 is built, since a real full disk
/// under a test's PostgreSQL is not practical to make; the spool's is the IOException .NET raises on Unix, whose
/// HResult is the errno.</summary>
public sealed class StorageFullMappingTests
{
    [Fact]
    public void A_real_SQLITE_FULL_is_storage_full()
    {
        var file = Path.Combine(Path.GetTempPath(), "strata-full-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            connection.Execute("CREATE TABLE t (v BLOB); PRAGMA max_page_count = 1;");
            var full = Assert.Throws<SqliteException>(() => connection.Execute("INSERT INTO t VALUES (zeroblob(100000))"));

            Assert.True(StorageFull.Is(full), $"{full.SqliteErrorCode} {full.ErrorCode} {full.Message}");
            var translated = Assert.IsType<StrataException>(StorageFull.Translate(full));
            Assert.Equal(ErrorCodes.StorageFull, translated.Code);
            Assert.Contains("database or disk is full", translated.Message);
            Assert.Contains("nothing of this write was kept", translated.Message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public void PostgreSQL_disk_full_53100_is_storage_full_and_other_states_are_not()
    {
        var full = new PostgresException("could not extend file \"base/16384/16385\": No space left on device", "ERROR", "ERROR", "53100");
        var unique = new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505");

        Assert.True(StorageFull.Is(full));
        Assert.True(StorageFull.Is(new InvalidOperationException("wrapped", full)));
        Assert.False(StorageFull.Is(unique));
        Assert.Same(unique, StorageFull.Translate(unique));
        Assert.Equal(ErrorCodes.StorageFull, Assert.IsType<StrataException>(StorageFull.Translate(full)).Code);
    }

    [Theory]
    [InlineData(28, true)]  // ENOSPC
    [InlineData(27, true)]  // EFBIG: a file-size limit (ulimit -f)
    [InlineData(122, true)] // EDQUOT
    [InlineData(13, false)] // EACCES is not a full disk
    [InlineData(2, false)]  // ENOENT
    public void A_spool_or_blob_write_failing_for_want_of_space_is_storage_full(int errno, bool full)
    {
        Assert.Equal(full, StorageFull.Is(new IOException("write failed", errno)));
    }
}
