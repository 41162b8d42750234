using System.Globalization;
using System.Text.Json;
using Strata.Core.Operations;
using Strata.Core.Runs.Items;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>One interpretation run (get_run): how it was configured (interpreter, model, prompt), its state, tokens and
/// cost, and its items (list_run_items), each failed one with its error and the model's raw output as it came back.</summary>
internal static class RunPage
{
    public static Html Render(WebSession session, RunView run, RunItemList items) => Layout.Page($"Run {run.RunId}", session, Html.Of($"""
        <h1>Run {run.RunId}</h1>
        <dl class="facts run-facts">
        <dt>Interpreter</dt><dd data-run-field="interpreter">{run.Interpreter} {run.InterpreterVersion}</dd>
        <dt>Model</dt><dd data-run-field="model">{Setting(run.Config, "model") ?? "none (no model call)"}</dd>
        <dt>State</dt><dd><span class="status {run.Status}">{run.Status}</span>{(run.Error is null ? Html.Empty : Html.Of($" {run.Error}"))}</dd>
        <dt>Source</dt><dd><a href="/sources/{run.SourceId}">{run.SourceId}</a></dd>
        <dt>Observations</dt><dd>{run.ObservationsCreated} ({run.UnknownFieldsCount} unknown fields)</dd>
        <dt>Items</dt><dd>{Items(run.Items)}</dd>
        <dt>Tokens</dt><dd>{run.Items?.InputTokens ?? 0} in, {run.Items?.OutputTokens ?? 0} out, {run.Items?.CacheReadTokens ?? 0} read from cache</dd>
        <dt>Cost (USD)</dt><dd data-run-field="cost">{Usd(run.Items?.CostUsd)}{(run.Items is { CostUnknownItems: > 0 } known ? $" at least ({known.CostUnknownItems} items without a price)" : "")}</dd>
        <dt>Created</dt><dd>{Format.Time(run.CreatedAt)}{(run.CompletedAt is { } done ? $", ended {Format.Time(done)}" : "")}</dd>
        </dl>
        <details class="config"><summary>Configuration</summary><pre>{run.Config.GetRawText()}</pre></details>
        <h2>Items</h2>
        {(items.Items.Count == 0 ? Html.Of($"<p>This run has no items (an agent's or the rules' interpretation is one step).</p>") : Html.Of($"""
            <table class="list run-items">
            <caption>Items {items.Items[0].Index}–{items.Items[^1].Index} of {run.Items?.Total ?? items.Items.Count}, in order</caption>
            <thead><tr><th scope="col">Item</th><th scope="col">State</th><th scope="col">Characters</th><th scope="col">Calls</th><th scope="col">Tokens in / out</th><th scope="col">Cost (USD)</th><th scope="col">Error and raw output</th></tr></thead>
            <tbody>{items.Items.Select(Item)}</tbody>
            </table>
            {Pager(run.RunId, items)}
            """))}
        <p><a href="/interpretations">All runs</a></p>
        """));

    public const int PageSize = 100;

    /// <summary>Previous and next pages of items: list_run_items' cursor is the index a page starts after, so the page
    /// before this one starts after the index <see cref="PageSize"/> items back.</summary>
    private static Html Pager(string runId, RunItemList items)
    {
        var first = items.Items[0].Index;
        var previous = first == 0 ? Html.Empty
            : first <= PageSize ? Html.Of($"""<a rel="prev" href="/interpretations/{runId}">Previous {PageSize} items</a> """)
            : Html.Of($"""<a rel="prev" href="/interpretations/{runId}?cursor={Uri.EscapeDataString(RunItemPages.After(runId, first - PageSize - 1))}">Previous {PageSize} items</a> """);
        var next = items.NextCursor is { } cursor
            ? Html.Of($"""<a rel="next" href="/interpretations/{runId}?cursor={Uri.EscapeDataString(cursor)}">Next {PageSize} items</a>""")
            : Html.Empty;
        return Html.Of($"""<nav class="pager" aria-label="Pages of items">{previous}{next}</nav>""");
    }

    private static Html Item(RunItemView item) => Html.Of($"""
        <tr data-item="{item.Index}"><td>{item.Index}</td><td><span class="status {item.Status}">{item.Status}</span></td>
        <td>{item.CharStart}–{item.CharStart + item.CharLength}</td><td>{item.Calls} ({item.Attempts} attempts)</td>
        <td>{item.InputTokens} / {item.OutputTokens}</td><td>{Usd(item.CostUsd)}</td>
        <td>{(item.Error is null ? Html.Empty : Html.Of($"<p class=\"error\">{item.Error}</p>"))}{(item.RawOutput is null ? Html.Empty : Html.Of($"<pre class=\"raw-output\">{item.RawOutput}</pre>"))}</td></tr>
        """);

    private static string Items(RunItemsView? items) => items is null
        ? "none"
        : $"{items.Total}: {items.Completed} completed, {items.Failed} failed, {items.Pending + items.Claimed} waiting";

    private static string? Setting(JsonElement config, string name) =>
        config.ValueKind == JsonValueKind.Object && config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string Usd(decimal? usd) => usd is { } known ? known.ToString("0.000000", CultureInfo.InvariantCulture) : "unknown";
}
