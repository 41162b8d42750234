using Microsoft.Playwright;

namespace Strata.Web.Tests;

/// <summary>The grid's multi-row selection (issue 30 item c), from the keyboard: Space picks a row, Shift with a move
/// extends, Escape clears, and Enter or Backspace act on exactly the picked staged values, as one step u undoes; one row's
/// confirm or edit is a step u undoes too.</summary>
public abstract partial class WebWalkThroughTests
{
    [Fact]
    public async Task Rows_picked_with_space_and_shift_are_confirmed_or_rejected_together_and_the_others_stay_as_they_were()
    {
        var key = await CreateUserAsync("alice");
        using var rest = _server.Client(key);
        var runId = await LeaseRunAsync(rest, "Selection");
        var page = await SignedInPageAsync(key);
        await page.GotoAsync(new Uri(_server.BaseAddress, $"/runs/{runId}").ToString());
        await page.WaitForSelectorAsync("#row-5.staged");
        Assert.Equal("true", await page.GetAttributeAsync("#grid", "aria-multiselectable"));

        // Space, then Shift+j twice: blocks 0, 1 and 2 picked; Escape clears them.
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Shift+j");
        await page.Keyboard.PressAsync("Shift+ArrowDown");
        Assert.Equal(["row-0", "row-1", "row-2"], await SelectedRowsAsync(page));
        Assert.Equal("3 selected.", await page.TextContentAsync(".grid-status"));
        await CheckAsync(page, "grid-selection");
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(["row-2"], await SelectedRowsAsync(page)); // no selection: the active row alone

        // Blocks 0 and 2 picked apart (block 1 skipped), then Enter confirms those two only.
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Space");
        Assert.Equal(["row-0", "row-2"], await SelectedRowsAsync(page));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".grid-status:text('2 selected values confirmed.')");
        Assert.Equal(2, (await CountsAsync(rest, runId)).GetProperty("confirmed").GetInt32());
        await page.WaitForSelectorAsync("#row-0.confirmed");
        await page.WaitForSelectorAsync("#row-2.confirmed");
        Assert.Equal(["staged", "staged", "staged", "staged"],
            await StatesAsync(page, 1, 3, 4, 5));

        // u takes that step back as one (undo_bulk_change): both values staged again, nothing confirmed; the Undo button,
        // enabled by the change, is disabled again. Then the same two are confirmed again.
        Assert.True(await page.IsEnabledAsync("[data-action=undo]"));
        await page.Keyboard.PressAsync("u");
        await page.WaitForSelectorAsync(".grid-status:text('Undone: 2 values staged again.')");
        Assert.Equal(0, (await CountsAsync(rest, runId)).GetProperty("confirmed").GetInt32());
        await page.WaitForSelectorAsync("#row-0.staged");
        await page.WaitForSelectorAsync("#row-2.staged");
        Assert.False(await page.IsEnabledAsync("[data-action=undo]"));
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".grid-status:text('2 selected values confirmed.')");
        await page.WaitForSelectorAsync("#row-2.confirmed");
        Assert.Equal(2, (await CountsAsync(rest, runId)).GetProperty("confirmed").GetInt32());

        // Blocks 2..4 picked with Shift+k from block 4: the confirmed block 2 is left as it was, 3 and 4 rejected.
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("k");
        await page.Keyboard.PressAsync("Shift+k");
        await page.Keyboard.PressAsync("Shift+k");
        Assert.Equal(["row-2", "row-3", "row-4"], await SelectedRowsAsync(page));
        await page.Keyboard.PressAsync("Backspace");
        await page.WaitForSelectorAsync(".grid-status:text('2 selected values rejected: the model is asked again (2 model calls at most). 1 not staged, left as they were.')");
        Assert.Equal(2, (await CountsAsync(rest, runId)).GetProperty("confirmed").GetInt32());
        // Blocks 1 and 5 were not picked: still staged (3 and 4 are with the model again, whatever it answers next).
        Assert.Equal(["staged", "staged"], await StatesAsync(page, 1, 5));
        Assert.Equal(1, await page.Locator(".grid-body [aria-selected=true]").CountAsync());

        // One row's confirm and one row's edit are steps too (apply_bulk_change of one block): the row shows its new
        // state at once, and u takes back the edit, then the confirm, newest first.
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#row-1.confirmed");
        await page.WaitForSelectorAsync(".grid-status:text('Block 1 confirmed. Undo: u.')");
        await page.Keyboard.PressAsync("End");
        var modelTopic = await page.Locator("#row-5 [role=gridcell]").Nth(2).TextContentAsync();
        await page.Keyboard.PressAsync("e");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("edited by hand");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".grid-status:text('Block 5 edited and confirmed. Undo: u.')");
        await page.WaitForSelectorAsync("#row-5.confirmed");
        Assert.Equal(4, (await CountsAsync(rest, runId)).GetProperty("confirmed").GetInt32());
        await page.Keyboard.PressAsync("u");
        await page.WaitForSelectorAsync(".grid-status:text('Undone: 1 values staged again.')");
        await page.WaitForSelectorAsync("#row-5.staged");
        Assert.Equal(modelTopic, await page.Locator("#row-5 [role=gridcell]").Nth(2).TextContentAsync());
        await page.Keyboard.PressAsync("u");
        await page.WaitForSelectorAsync("#row-1.staged");
        Assert.Equal(2, (await CountsAsync(rest, runId)).GetProperty("confirmed").GetInt32());
        Assert.Empty(_pageProblems);
    }

    /// <summary>The state column of the given blocks' rows, as the grid shows it.</summary>
    private static async Task<string[]> StatesAsync(IPage page, params int[] blocks) =>
        await Task.WhenAll(blocks.Select(async i => await page.Locator($"#row-{i} [role=gridcell]").Nth(1).TextContentAsync() ?? ""));

    private static async Task<string[]> SelectedRowsAsync(IPage page) =>
        [.. (await page.Locator(".grid-body [role=row][aria-selected=true]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.id)"))];
}
