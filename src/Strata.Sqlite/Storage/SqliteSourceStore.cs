using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Core;
using Strata.Core.Sources;

namespace Strata.Sqlite.Storage;

internal sealed class SqliteSourceStore(SqliteScope scope) : ISourceStore
{
    private const string Columns =
        "id, user_id, content_hash, byte_size, mime_type, original_filename, storage_status, storage_error, created_at";

    private const string GetSql = $"SELECT {Columns} FROM sources WHERE user_id = @UserId AND id = @sourceId";

    private const string FindByHashSql = $"SELECT {Columns} FROM sources WHERE user_id = @UserId AND content_hash = @contentHash";

    private const string InsertSql = """
        INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, original_filename, storage_status, storage_error, created_at)
        VALUES (@Id, @UserId, @ContentHash, @ByteSize, @MimeType, @OriginalFilename, @StorageStatus, @StorageError, @createdAt)
        ON CONFLICT DO NOTHING
        """;

    public Task<Source?> GetAsync(string sourceId, CancellationToken cancellationToken) =>
        Task.FromResult(ReadOne(scope.Statement(GetSql).Bind("@UserId", scope.UserId).Bind("@sourceId", sourceId)));

    public Task<Source?> FindByHashAsync(string contentHash, CancellationToken cancellationToken) =>
        Task.FromResult(ReadOne(scope.Statement(FindByHashSql).Bind("@UserId", scope.UserId).Bind("@contentHash", contentHash)));

    // A concurrent ingest of the same bytes may have committed first: the unique key answers "already stored" rather
    // than failing the transaction, so the caller can answer like a dedupe.
    public Task<SourceInsert> InsertAsync(Source source, CancellationToken cancellationToken)
    {
        var inserted = scope.Statement(InsertSql)
            .Bind("@Id", source.Id).Bind("@UserId", scope.UserId).Bind("@ContentHash", source.ContentHash).Bind("@ByteSize", source.ByteSize)
            .Bind("@MimeType", source.MimeType).Bind("@OriginalFilename", source.OriginalFilename).Bind("@StorageStatus", source.StorageStatus)
            .Bind("@StorageError", source.StorageError).Bind("@createdAt", SqliteTime.Write(source.CreatedAt))
            .ExecuteNonQuery();
        return Task.FromResult(inserted == 1 ? SourceInsert.Inserted : SourceInsert.AlreadyStored);
    }

    public async Task<bool> SettleUploadAsync(string sourceId, string storageStatus, string? storageError, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            UPDATE sources SET storage_status = @storageStatus, storage_error = @storageError
            WHERE user_id = @UserId AND id = @sourceId AND storage_status = 'pending'
            """, new { scope.UserId, sourceId, storageStatus, storageError }, scope.Transaction) == 1;

    public async Task<bool> ReopenFailedUploadAsync(string sourceId, string storageStatus, string? storageError, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            UPDATE sources SET storage_status = @storageStatus, storage_error = @storageError
            WHERE user_id = @UserId AND id = @sourceId AND storage_status = 'failed'
            """, new { scope.UserId, sourceId, storageStatus, storageError }, scope.Transaction) == 1;

    public async Task<(IReadOnlyList<Source> Items, int Total)> ListAsync(Paging paging, CancellationToken cancellationToken)
    {
        var items = new List<Source>(paging.Limit);
        await using (var reader = await scope.Connection.ExecuteReaderAsync(
            $"SELECT {Columns} FROM sources WHERE user_id = @UserId ORDER BY created_at DESC, id LIMIT @Limit OFFSET @Offset",
            new { scope.UserId, paging.Limit, paging.Offset }, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadSource(reader));
            }
        }
        var total = await scope.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sources WHERE user_id = @UserId",
            new { scope.UserId }, scope.Transaction);
        return (items, total);
    }

    private static Source? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSource(reader) : null;
    }

    /// <summary>A row of <see cref="Columns"/>, in their order.</summary>
    private static Source ReadSource(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.GetInt64(3), reader.GetString(4), reader.GetNullableString(5), reader.GetString(6), SqliteTime.Read(reader.GetString(8)),
        reader.GetNullableString(7));
}
