using Dapper;
using Strata.Core;
using Strata.Core.Sources;

namespace Strata.Postgres.Storage;

internal sealed class PostgresSourceStore(PostgresScope scope) : ISourceStore
{
    private const string Columns = """
        id AS Id, user_id AS UserId, content_hash AS ContentHash, byte_size AS ByteSize, mime_type AS MimeType,
        original_filename AS OriginalFilename, storage_status AS StorageStatus, storage_error AS StorageError, created_at AS CreatedAt
        """;

    public async Task<Source?> GetAsync(string sourceId, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<SourceRow>(
            $"SELECT {Columns} FROM sources WHERE user_id = @UserId AND id = @sourceId",
            new { scope.UserId, sourceId }, scope.Transaction))?.ToSource();

    public async Task<Source?> FindByHashAsync(string contentHash, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<SourceRow>(
            $"SELECT {Columns} FROM sources WHERE user_id = @UserId AND content_hash = @contentHash",
            new { scope.UserId, contentHash }, scope.Transaction))?.ToSource();

    // ON CONFLICT rather than catching 23505: a unique violation aborts a PostgreSQL transaction, while DO NOTHING waits
    // for a concurrent insert of the same bytes to commit and then reports it as "already stored".
    public async Task<SourceInsert> InsertAsync(Source source, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, original_filename, storage_status, storage_error, created_at)
            VALUES (@Id, @UserId, @ContentHash, @ByteSize, @MimeType, @OriginalFilename, @StorageStatus, @StorageError, @createdAt)
            ON CONFLICT DO NOTHING
            """,
            new { source.Id, scope.UserId, source.ContentHash, source.ByteSize, source.MimeType, source.OriginalFilename,
                source.StorageStatus, source.StorageError, createdAt = PgTime.Write(source.CreatedAt) }, scope.Transaction) == 1
            ? SourceInsert.Inserted
            : SourceInsert.AlreadyStored;

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
        var rows = await scope.Connection.QueryAsync<SourceRow>(
            $"SELECT {Columns} FROM sources WHERE user_id = @UserId ORDER BY created_at DESC, id LIMIT @Limit OFFSET @Offset",
            new { scope.UserId, paging.Limit, paging.Offset }, scope.Transaction);
        var total = await scope.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sources WHERE user_id = @UserId",
            new { scope.UserId }, scope.Transaction);
        return (rows.Select(r => r.ToSource()).ToList(), total);
    }

    private sealed class SourceRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string ContentHash { get; set; } = "";
        public long ByteSize { get; set; }
        public string MimeType { get; set; } = "";
        public string? OriginalFilename { get; set; }
        public string StorageStatus { get; set; } = "";
        public string? StorageError { get; set; }
        public DateTime CreatedAt { get; set; }

        public Source ToSource() => new(Id, UserId, ContentHash, ByteSize, MimeType, OriginalFilename, StorageStatus,
            PgTime.Read(CreatedAt), StorageError);
    }
}
