using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Core.Operations;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// One import with its live progress, one interpretation run with its items, and the message a chat fact was said in
/// (docs/web.md). Each calls operations of the catalogue as the session's user, so another user's id answers as a
/// missing one.
/// </summary>
internal static class ActivityDetailPages
{
    public static void MapActivityDetailPages(this WebApplication app)
    {
        app.MapGet("/imports/{import_id}", PageEndpoint.Page(async page =>
            ImportPage.Render(page.Session, await page.GetAsync<ChatImportView>("get_import", ("import_id", page.Route("import_id"))))));
        app.MapGet("/page-api/imports/{import_id}/events", PageEndpoint.Stream(ImportEvents.StreamAsync));
        app.MapImportResume();
        app.MapGet("/interpretations/{run_id}", PageEndpoint.Page(RunAsync));
        app.MapGet("/messages/{block_uid}", PageEndpoint.Page(MessageAsync));
    }

    private static async Task<Html> RunAsync(PageRequest page)
    {
        var run = await page.GetAsync<RunView>("get_run", ("run_id", page.Route("run_id")));
        // A page of items at a time by list_run_items' keyset cursor (the index before the page), so a run of 100,000
        // items costs what one of 100 does; the run's own counts say how many there are in all.
        var items = await page.GetAsync<RunItemList>("list_run_items", ("run_id", run.RunId), ("limit", RunPage.PageSize.ToString(CultureInfo.InvariantCulture)),
            ("cursor", page.Query("cursor") is { Length: > 0 } cursor ? cursor : null));
        return RunPage.Render(page.Session, run, items);
    }

    /// <summary>The message block (<c>conv_…:index</c>), its conversation, and the messages around it, read by their
    /// block ids (a block id is its conversion's id and its index, so the neighbours' ids are known).</summary>
    private static async Task<Html> MessageAsync(PageRequest page)
    {
        var message = await page.GetAsync<BlockView>("get_block", ("block_uid", page.Route("block_uid")));
        var conversation = await page.GetAsync<DocumentView>("get_document", ("document_id", message.DocumentId));
        var prefix = message.BlockUid[..message.BlockUid.LastIndexOf(':')];
        var nearby = new List<BlockView>();
        for (var index = Math.Max(0, message.Index - MessagePage.Around); index <= message.Index + MessagePage.Around; index++)
        {
            if (index == message.Index)
            {
                nearby.Add(message);
                continue;
            }
            if (index >= conversation.BlockCount) break;
            try
            {
                nearby.Add(await page.GetAsync<BlockView>("get_block", ("block_uid", $"{prefix}:{index.ToString(CultureInfo.InvariantCulture)}")));
            }
            catch (StrataException missing) when (missing.Code == ErrorCodes.BlockNotFound)
            {
                // A conversation's blocks are numbered without gaps; past its end there is nothing more to show.
            }
        }
        var start = int.TryParse(page.Query("start"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var length = int.TryParse(page.Query("length"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0;
        var run = page.Query("run") is { Length: > 0 } r ? (await page.GetAsync<RunView>("get_run", ("run_id", r))).RunId : null;
        return MessagePage.Render(page.Session, message, conversation, nearby, start, length, run);
    }
}
