using Microsoft.Playwright;

namespace Strata.Web.Tests;

/// <summary>The grid's rows filtered by state, block type and a field's value: the server counts and pages the filtered
/// set (list_block_values), the filter lives in the URL, a keyboard confirm moves the count, and "all matching" counts
/// exactly the rows the grid lists before it changes them.</summary>
public abstract partial class WebWalkThroughTests
{
    [Fact]
    public async Task The_grids_rows_filtered_from_the_url_count_and_page_the_filtered_set_and_a_keyboard_confirm_moves_the_count()
    {
        var key = await CreateUserAsync("alice");
        using var rest = _server.Client(key);
        var runId = await LeaseRunAsync(rest, "Filtered");
        var page = await SignedInPageAsync(key);

        // lease.md's paragraphs are blocks 2, 3 and 5, all staged: a shared link lists exactly those, numbered 1..3.
        await page.GotoAsync(new Uri(_server.BaseAddress, $"/runs/{runId}?state=staged&block_type=paragraph").ToString());
        await page.WaitForSelectorAsync("#row-2.staged");
        Assert.Equal("4", await page.GetAttributeAsync("#grid", "aria-rowcount")); // the header row and 3 rows
        Assert.Equal(["2", "3", "4"], await page.Locator(".grid-body [role=row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('aria-rowindex'))"));
        Assert.Equal(["2", "3", "5"], await page.Locator(".grid-body [role=row] [role=gridcell]:first-child").AllTextContentsAsync());
        Assert.Equal("3", await page.TextContentAsync("[data-listed]"));
        Assert.Equal("paragraph", await page.InputValueAsync("form.filter select[name=block_type]"));
        await CheckAsync(page, "grid-filter");

        // Enter confirms block 2 within the filter: it leaves the staged set, the count moves, the next one takes its place.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-listed]:text-is('2')");
        Assert.Equal("3", await page.GetAttributeAsync("#grid", "aria-rowcount"));
        await page.WaitForSelectorAsync("#row-0.staged");
        Assert.Equal(["3", "5"], await page.Locator(".grid-body [role=row] [role=gridcell]:first-child").AllTextContentsAsync());
        Assert.Equal("row-0", await page.GetAttributeAsync("#grid", "aria-activedescendant"));
        Assert.Equal(1, (await CountsAsync(rest, runId)).GetProperty("confirmed").GetInt32());

        // A field's text, ignoring case, through the form: the URL carries it, and a reload lists the same row.
        await page.SelectOptionAsync("form.filter select[name=field]", "topic");
        await page.FillAsync("form.filter input[name=contains]", "DEPOSIT");
        await page.ClickAsync("form.filter button[type=submit]");
        await page.WaitForURLAsync("**contains=DEPOSIT**");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#row-0.staged");
        Assert.Equal(["3"], await page.Locator(".grid-body [role=row] [role=gridcell]:first-child").AllTextContentsAsync());
        Assert.Equal("2", await page.GetAttributeAsync("#grid", "aria-rowcount"));

        // "All matching" counts first exactly what the grid lists, then confirms it; the filter then lists nothing.
        await page.ClickAsync("form.bulk button[value=confirm]");
        await page.WaitForSelectorAsync("#bulk-confirm[open]");
        Assert.Equal("1 staged value matches and will be confirmed.", await page.TextContentAsync(".bulk-count"));
        await page.ClickAsync(".bulk-go");
        await page.WaitForSelectorAsync("[data-listed]:text-is('0')");
        Assert.Equal(0, await page.Locator(".grid-body [role=row]").CountAsync());
        var counts = await CountsAsync(rest, runId);
        Assert.Equal((2, 4), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("staged").GetInt32()));

        // The same filter over REST (list_block_values) answers the same rows: one filter, not the page's own.
        var listed = System.Text.Json.JsonDocument.Parse(await rest.GetStringAsync(
            $"block-runs/{runId}/values?state=confirmed&block_type=paragraph&include_total=true")).RootElement;
        Assert.Equal(2, listed.GetProperty("total").GetInt32());

        // Alice's run with a filter, in Bob's page URL and in his script's call, reads exactly as a run that does not exist.
        var bob = await SignedInPageAsync(await CreateUserAsync("bob"));
        const string nowhere = "run_000000000000000000000000";
        const string filter = "?state=staged&block_type=paragraph&field=topic&contains=rent";
        var theirs = await bob.GotoAsync(new Uri(_server.BaseAddress, $"/runs/{runId}{filter}").ToString());
        var theirText = (await bob.TextContentAsync("main"))!.Replace(runId, "ID");
        var missing = await bob.GotoAsync(new Uri(_server.BaseAddress, $"/runs/{nowhere}{filter}").ToString());
        Assert.Equal((404, (await bob.TextContentAsync("main"))!.Replace(nowhere, "ID")), (theirs!.Status, theirText));
        Assert.Equal(404, missing!.Status);
        var theirRows = await bob.Context.APIRequest.GetAsync(new Uri(_server.BaseAddress, $"/page-api/runs/{runId}/values{filter}&include_total=true").ToString());
        var missingRows = await bob.Context.APIRequest.GetAsync(new Uri(_server.BaseAddress, $"/page-api/runs/{nowhere}/values{filter}&include_total=true").ToString());
        Assert.Equal((404, (await missingRows.TextAsync()).Replace(nowhere, "ID")), (theirRows.Status, (await theirRows.TextAsync()).Replace(runId, "ID")));
        Assert.Empty(_pageProblems);
    }
}
