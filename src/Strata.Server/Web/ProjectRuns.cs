using Strata.Core.Operations;

namespace Strata.Server.Web;

/// <summary>
/// The block runs the project page shows: those of the documents on the page, each document's through
/// <c>list_block_runs</c> (the same operation as REST), so a project's cost is its page of documents, not all its runs —
/// a project-wide list stopped at its first 500 runs and left later documents without theirs.
/// </summary>
internal static class ProjectRuns
{
    /// <summary>Runs shown beside one document (its oldest first); more are a click away on the document's runs.</summary>
    public const string PerDocument = "100";

    public static async Task<BlockRunList> OfAsync(PageRequest page, IEnumerable<DocumentView> documents)
    {
        var runs = new List<BlockRunView>();
        foreach (var document in documents)
        {
            runs.AddRange((await page.GetAsync<BlockRunList>("list_block_runs", ("document_id", document.DocumentId), ("limit", PerDocument))).Items);
        }
        return new BlockRunList(runs);
    }
}
