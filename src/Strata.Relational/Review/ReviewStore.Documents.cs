using Dapper;
using Strata.Core.Review;

namespace Strata.Relational.Review;

/// <summary>What block runs read of the documents foundation's tables (documents, projects, document_blocks).</summary>
internal sealed partial class ReviewStore
{
    public async Task<ReviewDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<DocumentRow>(Sql.GetDocument, new { scope.UserId, documentId }, scope.Transaction))
            .FirstOrDefault()?.ToDocument();

    public async Task<IReadOnlyList<string>> FindDocumentIdsAsync(IReadOnlyList<string> documentIds, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<string>(Sql.FindDocumentIds, new { scope.UserId, documentIds = documentIds.ToArray() }, scope.Transaction)).ToList();

    public async Task<IReadOnlyList<ReviewDocument>> ListDocumentsAsync(string projectId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<DocumentRow>(Sql.ListDocuments, new { scope.UserId, projectId }, scope.Transaction))
            .Select(r => r.ToDocument()).ToList();

    public async Task<bool> ProjectExistsAsync(string projectId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteScalarAsync<long>(Sql.ProjectExists, new { scope.UserId, projectId }, scope.Transaction) > 0;

    public async Task<IReadOnlyList<ReviewBlock>> ReadBlocksAsync(string documentId, int from, int to, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<BlockRow>(Sql.ReadBlocks, new { scope.UserId, documentId, from, to }, scope.Transaction))
            .Select(r => new ReviewBlock(r.BlockIndex, r.BlockUid, r.BlockType, r.Content, r.HeadingPath, r.Locator)).ToList();

    private sealed class DocumentRow
    {
        public string DocumentId { get; set; } = "";
        public string ProjectId { get; set; } = "";
        public string SourceId { get; set; } = "";
        public string Status { get; set; } = "";
        public long? BlockCount { get; set; }

        public ReviewDocument ToDocument() => new(DocumentId, ProjectId, SourceId, Status, (int)(BlockCount ?? 0));
    }

    private sealed class BlockRow
    {
        public int BlockIndex { get; set; }
        public string BlockUid { get; set; } = "";
        public string BlockType { get; set; } = "";
        public string Content { get; set; } = "";
        public string? HeadingPath { get; set; }
        public string? Locator { get; set; }
    }
}
