using System.Data.Common;
using System.Globalization;
using Dapper;
using Strata.Core;
using Strata.Core.Documents;
using Strata.Core.Storage;
using Strata.Relational.Keyset;

namespace Strata.Relational.Documents;

/// <summary>Blocks of one user's documents, on either database. Blocks are written once per conversion, a batch per
/// transaction, through one reused statement.</summary>
internal sealed class DocumentBlockStore(StoreScope scope) : IDocumentBlockStore
{
    private const string ListName = "blocks";

    private DocumentBlockSql Sql => scope.Dialect.DocumentBlocks;

    public async Task<int> InsertManyAsync(string documentId, string convUid, IReadOnlyList<DocumentBlock> blocks, CancellationToken cancellationToken)
    {
        var written = 0;
        var statement = scope.Statement(Sql.Insert);
        foreach (var block in blocks)
        {
            written += await statement
                .Bind("@UserId", scope.UserId).Bind("@documentId", documentId).Bind("@index", block.Index)
                .Bind("@blockUid", ConversionId.BlockUid(convUid, block.Index)).Bind("@type", block.Type.Name()).Bind("@content", Storable(block.Content))
                .Bind("@headingPath", BlockJson.WriteHeadingPath(block.HeadingPath)).Bind("@locator", BlockJson.WriteLocator(block.Locator))
                .Bind("@level", block.Level).Bind("@attributes", block.Attributes is { Count: > 0 } attributes ? StoredJson.Write(attributes) : null)
                .ExecuteNonQueryAsync(cancellationToken);
        }
        return written;
    }

    /// <summary>PostgreSQL text cannot hold U+0000, so both databases keep it as U+FFFD (as Markdown renders it); the
    /// locator still points at the original characters.</summary>
    private static string Storable(string content) => content.Contains('\0', StringComparison.Ordinal) ? content.Replace('\0', '\uFFFD') : content;

    public async Task<Page<StoredBlock>> ListAsync(string documentId, Paging paging, CancellationToken cancellationToken)
    {
        var afterIndex = -1;
        if (paging.Cursor is not null)
        {
            var (key, id) = PageCursor.DecodeNumber(ListName, paging.Cursor);
            if (id != documentId || key is < -1 or > int.MaxValue) throw StrataExceptionFor(documentId);
            afterIndex = (int)key;
        }
        var rows = new List<StoredBlock>(paging.Limit + 1);
        using (var reader = await scope.Connection.ExecuteReaderAsync(Sql.List,
            new { scope.UserId, documentId, afterIndex, Limit = Pages.RowsToRead(paging), paging.Offset }, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken)) rows.Add(Read(reader));
        }
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>(Sql.Count, new { scope.UserId, documentId }, scope.Transaction)
            : null;
        return Pages.Of(rows, paging, b => PageCursor.EncodeNumber(ListName, b.Block.Index, b.DocumentId), total);
    }

    public async Task<StoredBlock?> GetAsync(string blockUid, CancellationToken cancellationToken)
    {
        using var reader = await scope.Connection.ExecuteReaderAsync(Sql.Get, new { scope.UserId, blockUid }, scope.Transaction);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task<int> DeleteByDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.DeleteByDocument, new { scope.UserId, documentId }, scope.Transaction);

    private static Core.Errors.StrataException StrataExceptionFor(string documentId) => Core.Errors.StrataException.Validation(
        $"cursor is not a cursor of document {documentId}'s blocks: pass the next_cursor of the previous page unchanged, or leave it out for the first page.");

    /// <summary>A row of <see cref="DocumentBlockSql.Columns"/>, in their order.</summary>
    private static StoredBlock Read(DbDataReader r)
    {
        var index = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
        var block = new DocumentBlock(index, BlockJson.ReadType(r.GetString(3)), r.GetString(4), BlockJson.ReadHeadingPath(r.GetString(5)),
            BlockJson.ReadLocator(r.GetString(6)), r.IsDBNull(7) ? null : Convert.ToInt32(r.GetValue(7), CultureInfo.InvariantCulture),
            r.IsDBNull(8) ? null : StoredJson.ReadMap(r.GetString(8)));
        return new StoredBlock(r.GetString(0), r.GetString(2), block);
    }
}
