using System.Text.Json;
using Strata.Core.Documents;
using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>
/// The review grid's frame: a virtualized ARIA grid (role=grid, aria-rowcount of the whole run) whose rows grid.js fills
/// from the page's JSON endpoints as they scroll into view, the toolbar with each shortcut printed on its button, the
/// one-record panel, and the shortcut sheet. The columns are the block schema's fields.
/// </summary>
internal static class GridPage
{
    private static readonly IReadOnlyList<string> BlockTypeNames = Enum.GetValues<BlockType>().Select(t => t.Name()).ToList();

    /// <summary>The page; <paramref name="listed"/> is how many blocks the URL's filter lists (null: no filter, every block).
    /// The filter form is a plain GET form, so the filter lands in the URL (with the view's hide and density kept).</summary>
    public static Html Render(WebSession session, BlockRunView run, BlockSchemaView schema, DocumentView document, GridFilter filter, int? listed,
        string? hide, string? density)
    {
        var fields = schema.Properties.ValueKind == JsonValueKind.Object ? schema.Properties.EnumerateObject().Select(p => p.Name).ToList() : [];
        var c = run.Counts;
        var all = c.Pending + c.Claimed + c.Staged + c.Confirmed + c.Failed;
        var rows = listed ?? all;
        return Layout.Page($"Review {schema.SchemaRef}", session, Html.Of($"""
            <h1>Review: {schema.SchemaRef} v{schema.Version} on {document.Name}</h1>
            <p class="summary">{rows} blocks: {c.Pending + c.Claimed} pending, {c.Staged} staged, {c.Confirmed} confirmed, {c.Failed} failed.
            <a href="/projects/{run.ProjectId}">Back to the project</a></p>
            <div class="toolbar" role="toolbar" aria-label="Review actions" aria-controls="grid">
            <button type="button" data-action="confirm">Confirm <kbd>Enter</kbd></button>
            <button type="button" data-action="reject">Reject <kbd>Backspace</kbd></button>
            <button type="button" data-action="edit">Edit <kbd>e</kbd></button>
            <button type="button" data-action="commit">Confirm all staged <kbd>Ctrl+Enter</kbd></button>
            <button type="button" data-action="undo" disabled>Undo <kbd>u</kbd></button>
            <button type="button" data-action="source">Source <kbd>s</kbd></button>
            <button type="button" data-action="help">Shortcuts <kbd>?</kbd></button>
            <span class="grid-status" role="status" aria-live="polite"></span>
            </div>
            <form class="view" data-view aria-label="View">
            <fieldset><legend>Columns</legend>{fields.Select(f => Html.Of($"""<label><input type="checkbox" name="column" value="{f}" checked> {f}</label>"""))}</fieldset>
            <label>Density <select name="density"><option value="comfortable">comfortable</option><option value="compact">compact</option></select></label>
            </form>
            <form class="filter" method="get" data-filter aria-label="Filter the rows">
            {Hidden("hide", hide)}{Hidden("density", density)}
            <label>State {Select("state", GridFilter.States, filter.State)}</label>
            <label>Block type {Select("block_type", BlockTypeNames, filter.BlockType)}</label>
            <label>Field {Select("field", fields, filter.Field)}</label>
            <label>equals <input name="equals" size="10" value="{filter.EqualsText ?? ""}"></label>
            <label>or contains <input name="contains" size="10" value="{filter.Contains ?? ""}"></label>
            <button type="submit">Filter</button> <a href="/runs/{run.RunId}">Clear the filter</a>
            </form>
            <p class="filter-count">{(filter.IsEmpty ? Html.Of($"All <span data-listed>{rows}</span> blocks of the run.")
                : Html.Of($"<span data-listed>{rows}</span> of {all} blocks match the filter ({filter.Words})."))}</p>
            <form class="bulk" data-bulk aria-label="Everything the filter lists">
            <button type="submit" value="confirm">Confirm all matching…</button>
            <button type="submit" value="reject">Reject all matching…</button>
            </form>
            <dialog id="bulk-confirm" aria-labelledby="bulk-title">
            <h2 id="bulk-title">All matching</h2>
            <p class="bulk-count"></p>
            <form method="dialog"><button type="submit" value="go" class="bulk-go">Go</button> <button type="submit" value="cancel">Cancel <kbd>Esc</kbd></button></form>
            </dialog>
            <div class="review">
            <div id="grid" class="grid" role="grid" aria-multiselectable="true" tabindex="0" aria-label="Blocks of {document.Name}" aria-rowcount="{rows + 1}"
              aria-colcount="{fields.Count + 2}" data-run="{run.RunId}" data-rows="{rows}" data-filter="{filter.QueryString}">
            <div role="rowgroup" class="grid-head">
            <div role="row" aria-rowindex="1" class="grid-row">
            <div role="columnheader">#</div><div role="columnheader">State</div>{fields.Select(f => Html.Of($"""<div role="columnheader" data-field="{f}">{f}</div>"""))}
            </div>
            </div>
            <div class="grid-viewport"><div class="grid-body" role="rowgroup"></div></div>
            </div>
            <aside class="record" aria-label="The selected block" aria-live="polite"></aside>
            </div>
            <dialog id="shortcuts" aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">Keyboard shortcuts</h2>
            <dl class="keys">
            <dt><kbd>j</kbd> / <kbd>↓</kbd></dt><dd>next block</dd>
            <dt><kbd>k</kbd> / <kbd>↑</kbd></dt><dd>previous block</dd>
            <dt><kbd>Page Down</kbd> / <kbd>Page Up</kbd></dt><dd>a screen down or up</dd>
            <dt><kbd>Home</kbd> / <kbd>End</kbd></dt><dd>first or last block</dd>
            <dt><kbd>Space</kbd></dt><dd>add the block to the selection, or take it out</dd>
            <dt><kbd>Shift</kbd>+<kbd>j</kbd> / <kbd>Shift</kbd>+<kbd>↓</kbd>, <kbd>Shift</kbd>+<kbd>k</kbd> / <kbd>Shift</kbd>+<kbd>↑</kbd></dt><dd>extend the selection down or up (Shift+click: up to the clicked block)</dd>
            <dt><kbd>Escape</kbd></dt><dd>clear the selection</dd>
            <dt><kbd>Enter</kbd></dt><dd>confirm the staged value (with a selection: every selected staged value)</dd>
            <dt><kbd>Backspace</kbd></dt><dd>reject it: the model is asked again (one model call a value; with a selection: every selected staged value)</dd>
            <dt><kbd>e</kbd></dt><dd>edit the staged value (Enter saves, Escape cancels)</dd>
            <dt><kbd>s</kbd></dt><dd>open the block in its source, highlighted</dd>
            <dt><kbd>Ctrl</kbd>+<kbd>Enter</kbd></dt><dd>confirm every staged value of this run</dd>
            <dt><kbd>u</kbd></dt><dd>undo the last change (a row's, a selection's, an edit, all matching), then the one before</dd>
            <dt><kbd>?</kbd></dt><dd>this sheet</dd>
            </dl>
            <form method="dialog"><button type="submit">Close <kbd>Esc</kbd></button></form>
            </dialog>
            """));
    }

    private static Html Hidden(string name, string? value) =>
        string.IsNullOrEmpty(value) ? Html.Empty : Html.Of($"""<input type="hidden" name="{name}" value="{value}">""");

    private static Html Select(string name, IEnumerable<string> options, string? chosen) => Html.Of($"""
        <select name="{name}"><option value="">any</option>{options.Select(o => o == chosen
            ? Html.Of($"""<option value="{o}" selected>{o}</option>""") : Html.Of($"""<option value="{o}">{o}</option>"""))}</select>
        """);
}
