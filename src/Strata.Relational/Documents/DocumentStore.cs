using System.Data.Common;
using Dapper;
using Strata.Core;
using Strata.Core.Documents;
using Strata.Relational.Keyset;

namespace Strata.Relational.Documents;

/// <summary>Documents of one user, on either database.</summary>
internal sealed class DocumentStore(StoreScope scope) : IDocumentStore
{
    private const string ListName = "documents";

    private DocumentSql Sql => scope.Dialect.Documents;

    public Task LockAsync(string documentId, CancellationToken cancellationToken) =>
        Sql.Lock is null ? Task.CompletedTask : scope.Connection.ExecuteAsync(Sql.Lock, new { scope.UserId, documentId }, scope.Transaction);

    public Task<Document?> GetAsync(string documentId, CancellationToken cancellationToken) =>
        ReadOneAsync(Sql.Get, new { scope.UserId, documentId }, cancellationToken);

    public Task<Document?> FindBySourceAsync(string sourceId, CancellationToken cancellationToken) =>
        ReadOneAsync(Sql.FindBySource, new { scope.UserId, sourceId }, cancellationToken);

    public async Task<bool> InsertAsync(Document document, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Insert, new
        {
            document.Id, scope.UserId, document.ProjectId, document.SourceId, document.Name, document.MediaType, document.Status,
            createdAt = scope.Time(document.CreatedAt), updatedAt = scope.Time(document.UpdatedAt),
        }, scope.Transaction) == 1;

    public async Task<Page<Document>> ListAsync(string projectId, string? status, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, projectId, status, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = Pages.AfterTime(paging, ListName, scope, parameters, Sql.ListAfter);
        var filter = "WHERE user_id = @UserId AND project_id = @projectId" + (status is null ? "" : " AND status = @status");
        var rows = await ReadManyAsync($"SELECT {DocumentSql.Columns} FROM documents {filter} {after} {Sql.ListOrder}", parameters, cancellationToken);
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM documents {filter}", new { scope.UserId, projectId, status }, scope.Transaction)
            : null;
        return Pages.Of(rows, paging, d => PageCursor.EncodeNumber(ListName, Pages.KeyOf(d.CreatedAt), d.Id), total);
    }

    public async Task<IReadOnlyList<Document>> ListAllAsync(string projectId, CancellationToken cancellationToken) =>
        await ReadManyAsync(Sql.ListAll, new { scope.UserId, projectId }, cancellationToken);

    public async Task<bool> StartConversionAsync(string documentId, string converter, string converterVersion, string convUid, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.StartConversion,
            new { scope.UserId, documentId, converter, converterVersion, convUid, now = scope.Time(now) }, scope.Transaction) == 1;

    public async Task<bool> BeatAsync(string documentId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Beat, new { scope.UserId, documentId, now = scope.Time(now) }, scope.Transaction) == 1;

    public async Task<bool> FinishConversionAsync(string documentId, int blockCount, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.FinishConversion, new { scope.UserId, documentId, blockCount, now = scope.Time(now) }, scope.Transaction) == 1;

    public async Task<bool> FailConversionAsync(string documentId, string error, DateTimeOffset now, DateTimeOffset? staleBefore,
        CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(staleBefore is null ? Sql.FailConversion : Sql.FailStaleConversion,
            new { scope.UserId, documentId, error, now = scope.Time(now), staleBefore = scope.Time(staleBefore) }, scope.Transaction) == 1;

    public Task<int> CountBySourceAsync(string sourceId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteScalarAsync<int>(Sql.CountBySource, new { scope.UserId, sourceId }, scope.Transaction);

    public async Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Delete, new { scope.UserId, documentId }, scope.Transaction) == 1;

    private async Task<Document?> ReadOneAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        using var reader = await scope.Connection.ExecuteReaderAsync(sql, parameters, scope.Transaction);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private async Task<List<Document>> ReadManyAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var rows = new List<Document>();
        using var reader = await scope.Connection.ExecuteReaderAsync(sql, parameters, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(Read(reader));
        return rows;
    }

    /// <summary>A row of <see cref="DocumentSql.Columns"/>, in their order.</summary>
    private static Document Read(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetString(5), r.GetString(6), r.GetNullableString(7), r.GetNullableString(8), r.GetNullableString(9),
        Convert.ToInt32(r.GetValue(10), System.Globalization.CultureInfo.InvariantCulture), r.GetNullableString(11),
        StoredTime.Read(r.GetValue(12)), StoredTime.Read(r.GetValue(13)));
}
