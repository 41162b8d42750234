using System.Data.Common;
using Dapper;
using Strata.Core;
using Strata.Core.Sources;
using Strata.Relational.Keyset;

namespace Strata.Relational.Sources;

/// <summary>Sources of one user, on either database.</summary>
internal sealed class SourceStore(StoreScope scope) : ISourceStore
{
    private const string ListName = "sources";

    private SourceSql Sql => scope.Dialect.Sources;

    public Task<Source?> GetAsync(string sourceId, CancellationToken cancellationToken) =>
        ReadOneAsync(scope.Statement(Sql.Get).Bind("@UserId", scope.UserId).Bind("@sourceId", sourceId), cancellationToken);

    public Task<Source?> FindByHashAsync(string contentHash, CancellationToken cancellationToken) =>
        ReadOneAsync(scope.Statement(Sql.FindByHash).Bind("@UserId", scope.UserId).Bind("@contentHash", contentHash), cancellationToken);

    // A concurrent ingest of the same bytes may have committed first: the unique key answers "already stored" rather
    // than failing the transaction, so the caller can answer like a dedupe.
    public async Task<SourceInsert> InsertAsync(Source source, CancellationToken cancellationToken)
    {
        var inserted = await scope.Statement(Sql.Insert)
            .Bind("@Id", source.Id).Bind("@UserId", scope.UserId).Bind("@ContentHash", source.ContentHash).Bind("@ByteSize", source.ByteSize)
            .Bind("@MimeType", source.MimeType).Bind("@OriginalFilename", source.OriginalFilename).Bind("@StorageStatus", source.StorageStatus)
            .Bind("@StorageError", source.StorageError).Bind("@createdAt", scope.Time(source.CreatedAt))
            .ExecuteNonQueryAsync(cancellationToken);
        return inserted == 1 ? SourceInsert.Inserted : SourceInsert.AlreadyStored;
    }

    public Task<bool> SettleUploadAsync(string sourceId, string storageStatus, string? storageError, CancellationToken cancellationToken) =>
        SettleAsync(sourceId, StorageStatuses.Pending, storageStatus, storageError);

    public Task<bool> ReopenFailedUploadAsync(string sourceId, string storageStatus, string? storageError, CancellationToken cancellationToken) =>
        SettleAsync(sourceId, StorageStatuses.Failed, storageStatus, storageError);

    private async Task<bool> SettleAsync(string sourceId, string fromStatus, string storageStatus, string? storageError) =>
        await scope.Connection.ExecuteAsync(Sql.Settle, new { scope.UserId, sourceId, fromStatus, storageStatus, storageError }, scope.Transaction) == 1;

    public async Task<bool> DeleteAsync(string sourceId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Delete, new { scope.UserId, sourceId }, scope.Transaction) == 1;

    public async Task<Page<Source>> ListAsync(Core.Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = Pages.AfterTime(paging, ListName, scope, parameters, Sql.ListAfter);
        var rows = new List<Source>(paging.Limit + 1);
        using (var reader = await scope.Connection.ExecuteReaderAsync(
            $"SELECT {SourceSql.Columns} FROM sources WHERE user_id = @UserId {after} {Sql.ListOrder}", parameters, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }
        }
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>(Sql.Count, new { scope.UserId }, scope.Transaction)
            : null;
        return Pages.Of(rows, paging, s => PageCursor.EncodeNumber(ListName, Pages.KeyOf(s.CreatedAt), s.Id), total);
    }

    private static async Task<Source?> ReadOneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>A row of <see cref="SourceSql.Columns"/>, in their order.</summary>
    private static Source Read(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.GetInt64(3), reader.GetString(4), reader.GetNullableString(5), reader.GetString(6), StoredTime.Read(reader.GetValue(8)),
        reader.GetNullableString(7));
}
