using Strata.Core.Operations;

namespace Strata.Server.Web;

/// <summary>
/// The block runs the project page shows (the page and its live events): those of the documents on the page, read by
/// one <c>list_block_runs</c> call with <c>document_ids</c> (the same operation as REST) and <c>per_document</c>, so each
/// document keeps its oldest runs whatever the others have — a project-wide list stopped at its first 500 runs and left
/// later documents without theirs, and a call per document cost a hundred calls a page. The list is paged by its cursor
/// only past 500 runs.
/// </summary>
internal static class ProjectRuns
{
    /// <summary>Runs shown beside one document (its oldest first); more are a click away on the document's runs.</summary>
    public const string PerDocument = "100";

    private const string PageLimit = "500";

    public static async Task<BlockRunList> OfAsync(PageRequest page, IEnumerable<DocumentView> documents)
    {
        var runs = new List<BlockRunView>();
        // A page lists ProjectPage.PageSize documents, no more than one call takes; the chunks keep it right if it grows.
        foreach (var chunk in documents.Select(d => d.DocumentId).Chunk(Core.Review.ReviewService.MaxDocumentIds))
        {
            string? cursor = null;
            do
            {
                var listed = await page.GetAsync<BlockRunList>("list_block_runs", ("document_ids", string.Join(',', chunk)),
                    ("per_document", PerDocument), ("limit", PageLimit), ("cursor", cursor));
                runs.AddRange(listed.Items);
                cursor = listed.NextCursor;
            }
            while (cursor is not null);
        }
        return new BlockRunList(runs);
    }
}
