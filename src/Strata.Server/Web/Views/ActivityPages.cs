using System.Globalization;
using Strata.Core.Imports;
using Strata.Core.Memory;
using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The read-only pages of what the server did and knows: chat imports (list_imports), interpretation runs
/// (list_runs), MEMORY.md (get_memory) in its sections, and the dashboard of usage and model cost (get_usage).</summary>
internal static partial class ActivityPages
{
    /// <param name="refused">Why the last upload was refused (shown above its form), or null.</param>
    public static Html Imports(WebSession session, ImportList imports, Core.Errors.StrataException? refused = null) => Layout.Page("Imports", session, Html.Of($"""
        <h1>Imports</h1>
        {ImportUploadForm(session, refused)}
        {(imports.Imports.Count == 0 ? Html.Of($"<p>No chat import yet: upload an export above, or <code>strata import chat FILE</code>.</p>") : Html.Of($"""
            <table class="list">
            <caption>Chat imports, newest first</caption>
            <thead><tr><th scope="col">Import</th><th scope="col">Provider</th><th scope="col">Status</th><th scope="col">Conversations</th><th scope="col">Messages</th><th scope="col">Facts</th><th scope="col">Full pass</th><th scope="col">Updated</th></tr></thead>
            <tbody>{imports.Imports.Select(i => Html.Of($"""
                <tr data-import="{i.ImportId}"><td><a href="/imports/{i.ImportId}">{i.FileName ?? i.ImportId}</a></td><td>{i.Kind}</td><td><span class="status {i.Status}">{i.Status}</span>{(i.Error is null ? Html.Empty : Html.Of($" {i.Error}"))}</td>
                <td>{i.Counts.Conversations}</td><td>{i.Counts.Messages}</td><td>{i.Counts.Facts}</td>
                <td><progress max="100" value="{Math.Round(i.Progress.FullPassFraction * 100)}" aria-label="Full pass of {i.FileName ?? i.ImportId}">{i.Progress.FullPassFraction.ToString("P0", CultureInfo.InvariantCulture)}</progress></td>
                <td>{Format.Time(i.UpdatedAt)}</td></tr>
                """))}</tbody>
            </table>
            """))}
        """));

    /// <summary>The export upload: a plain form (no script) posted as multipart/form-data to <see cref="ImportUpload.Path"/>.
    /// The CSRF token comes first in the form, so it is the body's first part (the server checks it before reading the file),
    /// and the provider before the file.</summary>
    private static Html ImportUploadForm(WebSession session, Core.Errors.StrataException? refused) => Html.Of($"""
        <section aria-labelledby="import-upload-title">
        <h2 id="import-upload-title">Import a chat export</h2>
        {(refused is null ? Html.Empty : Html.Of($"""<div class="problem"><p role="alert"><code>{refused.Code}</code> {refused.Message}</p></div>"""))}
        <form class="import-upload" method="post" action="{ImportUpload.Path}" enctype="multipart/form-data">
        <input type="hidden" name="{PageEndpoint.CsrfField}" value="{session.CsrfToken}">
        <label for="provider">Exported from</label>
        <select id="provider" name="provider"><option value="chatgpt">ChatGPT</option><option value="claude">Claude</option></select>
        <label for="export">Export (conversations.json or the export's zip)</label>
        <input id="export" name="file" type="file" accept=".json,.zip,application/json,application/zip" required>
        <button type="submit">Import</button>
        </form>
        </section>
        """);

    public static Html Runs(WebSession session, RunList runs) => Layout.Page("Runs", session, Html.Of($"""
        <h1>Interpretation runs</h1>
        {(runs.Runs.Count == 0 ? Html.Of($"<p>No run yet.</p>") : Html.Of($"""
            <table class="list">
            <caption>Newest first</caption>
            <thead><tr><th scope="col">Run</th><th scope="col">Source</th><th scope="col">Interpreter</th><th scope="col">Status</th><th scope="col">Observations</th><th scope="col">Items failed</th><th scope="col">Cost (USD)</th><th scope="col">Created</th></tr></thead>
            <tbody>{runs.Runs.Select(r => Html.Of($"""
                <tr data-run="{r.RunId}"><td><a href="/interpretations/{r.RunId}">{r.RunId}</a></td><td><a href="/sources/{r.SourceId}">{r.SourceId}</a></td><td>{r.Interpreter} {r.InterpreterVersion}</td>
                <td><span class="status {r.Status}">{r.Status}</span>{(r.Error is null ? Html.Empty : Html.Of($" {r.Error}"))}</td>
                <td>{r.ObservationsCreated}</td><td>{r.Items?.Failed ?? 0}</td><td>{Cost(r.Items?.CostUsd)}</td><td>{Format.Time(r.CreatedAt)}</td></tr>
                """))}</tbody>
            </table>
            """))}
        """));

    /// <summary>MEMORY.md as sections: each Markdown heading a heading of the page, its lines beneath it as written.</summary>
    public static Html Memory(WebSession session, MemoryDocument memory) => Layout.Page("Memory", session, Html.Of($"""
        <h1>Memory</h1>
        <p class="muted">MEMORY.md: {memory.Lines} lines, {memory.Tokens} of {memory.TokenBudget} tokens{(memory.Omitted == 0 ? "" : $", {memory.Omitted} entities left out for the budget")}.</p>
        {Sections(memory.Markdown)}
        """));

    public static Html Dashboard(WebSession session, UsageView usage, ProjectList projects) => Layout.Page("Dashboard", session, Html.Of($"""
        <h1>Dashboard</h1>
        <dl class="counts usage">
        <div><dt>Projects</dt><dd data-count="projects">{projects.Projects.Count}</dd></div>
        <div><dt>Documents</dt><dd data-count="documents">{projects.Projects.Sum(p => p.DocumentCount)}</dd></div>
        <div><dt>Stored</dt><dd data-count="bytes">{usage.BytesStored} B{(usage.StorageLimitBytes is { } storage ? $" / {storage} B" : "")}</dd></div>
        <div><dt>Interpretations</dt><dd data-count="interpretations">{usage.InterpretationsThisMonth}{(usage.InterpretationsLimit is { } limit ? $" / {limit}" : "")}</dd></div>
        <div><dt>Model calls</dt><dd data-count="calls">{usage.Llm?.Calls ?? 0}</dd></div>
        <div><dt>Model cost (USD)</dt><dd data-count="cost">{Cost(usage.Llm?.CostUsd)}</dd></div>
        </dl>
        <p>Plan {usage.Plan}, billing month {usage.BillingMonth}, resets {Format.Time(usage.ResetsAt)}{(usage.Llm?.BudgetUsd is { } budget ? $"; model budget {Cost(budget)} USD" : "")}{(usage.Llm is { UnpricedCalls: > 0 } llm ? $"; {llm.UnpricedCalls} calls of models without a price" : "")}.</p>
        """));

    private static string Cost(decimal? usd) => (usd ?? 0m).ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>MEMORY.md's entity links (<c>strata://entities/{id}</c>) made links to the entity's page, where each fact
    /// leads on to the message it was said in; the rest of the text as written.</summary>
    private static Html Linked(string text)
    {
        var parts = new List<Html>();
        var at = 0;
        foreach (System.Text.RegularExpressions.Match link in EntityLink().Matches(text))
        {
            parts.Add(Html.Of($"{text[at..link.Index]}"));
            parts.Add(Html.Of($"""<a href="/entities/{link.Groups[1].Value}">{link.Value}</a>"""));
            at = link.Index + link.Length;
        }
        parts.Add(Html.Of($"{text[at..]}"));
        return Html.Join(parts);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"strata://entities/(ent_[A-Za-z0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex EntityLink();

    private static Html Sections(string markdown)
    {
        var parts = new List<Html>();
        string? heading = null;
        var lines = new List<string>();
        void Flush()
        {
            if (heading is null && lines.All(string.IsNullOrWhiteSpace)) return;
            var body = string.Join("\n", lines).Trim('\n');
            parts.Add(heading is null
                ? Html.Of($"""<pre class="memory">{Linked(body)}</pre>""")
                : Html.Of($"""<section class="memory-section"><h2>{heading}</h2><pre class="memory">{Linked(body)}</pre></section>"""));
            lines.Clear();
        }
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                Flush();
                heading = line.TrimStart('#').Trim();
            }
            else
            {
                lines.Add(line);
            }
        }
        Flush();
        return Html.Join(parts);
    }
}
