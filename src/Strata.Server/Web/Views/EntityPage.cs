using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>
/// One entity: its snapshot (as of now or a chosen time), each field with the observation, run and source it came from
/// (get_field_provenance), a link to the source with the evidence's characters highlighted when the run found them,
/// and every observation (list_observations), competing values included.
/// </summary>
internal static class EntityPage
{
    public static Html Render(WebSession session, SnapshotView entity, IReadOnlyList<ProvenanceChain> provenance, ObservationList observations,
        string? at) => Layout.Page(entity.DisplayName, session, Html.Of($"""
        <h1>{entity.DisplayName} <span class="muted">({entity.EntityType})</span></h1>
        <form class="search" method="get" action="/entities/{entity.EntityId}">
        <label for="at">As of (UTC, ISO 8601)</label>
        <input id="at" name="at" value="{at}" placeholder="2025-01-31T12:00:00Z">
        <button type="submit">Show</button>
        </form>
        {(entity.RedirectedFrom is null ? Html.Empty : Html.Of($"<p>{entity.RedirectedFrom} was merged into this entity.</p>"))}
        <h2>Fields</h2>
        <table class="list fields">
        <thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">From</th><th scope="col">Evidence</th></tr></thead>
        <tbody>{provenance.Select(Field)}</tbody>
        </table>
        <h2>Observations</h2>
        <table class="list">
        <thead><tr><th scope="col">Observation</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Priority</th><th scope="col">Fields</th><th scope="col">Observed</th></tr></thead>
        <tbody>{observations.Observations.Select(Observation)}</tbody>
        </table>
        """));

    private static Html Field(ProvenanceChain chain) => Html.Of($"""
        <tr data-field="{chain.Field}"><th scope="row">{chain.Field}</th><td><code>{chain.Value.GetRawText()}</code></td>
        <td>{chain.Observation.Kind}{(chain.Run is null ? Html.Empty : Html.Of($", run {chain.Run.RunId} ({chain.Run.Interpreter})"))}{(chain.Source is null ? Html.Empty : Html.Of($", {chain.Source.OriginalFilename ?? chain.Source.SourceId}"))}</td>
        <td>{Evidence(chain)}</td></tr>
        """);

    private static Html Evidence(ProvenanceChain chain) => (chain.Evidence, chain.Source) switch
    {
        ({ Start: { } start, Length: { } length } evidence, { } source) =>
            Html.Of($"""<a class="evidence" href="/sources/{source.SourceId}?start={start}&amp;length={length}">“{evidence.Quote}”</a>"""),
        ({ } evidence, _) => Html.Of($"“{evidence.Quote}” (not found in the source)"),
        (null, { } source) when LocatedRange(chain.Observation.Locator, chain.Field) is var (start, end) && end > start =>
            Html.Of($"""<a class="evidence" href="/sources/{source.SourceId}?start={start}&amp;length={end - start}">characters {start}–{end}</a>"""),
        (null, { } source) => Html.Of($"""<a href="/sources/{source.SourceId}">the source</a>"""),
        _ => Html.Of($"stated directly"),
    };

    /// <summary>An agent's evidence is recorded in the observation's locator (<c>index:0 email=chars:49-73</c>, or
    /// <c>chars:S-E</c> for the whole entity): the field's own range first, else the entity's.</summary>
    private static (long Start, long End) LocatedRange(string locator, string field)
    {
        (long, long)? whole = null;
        foreach (var part in locator.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, range) = part.IndexOf('=') is var eq and >= 0 ? (part[..eq], part[(eq + 1)..]) : (null, part);
            if (!range.StartsWith("chars:", StringComparison.Ordinal) || range[6..].Split('-') is not [var from, var to]
                || !long.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(to, System.Globalization.CultureInfo.InvariantCulture, out var end)) continue;
            if (name == field) return (start, end);
            if (name is null) whole = (start, end);
        }
        return whole ?? (0, 0);
    }

    private static Html Observation(ObservationView observation) => Html.Of($"""
        <tr><td>{observation.ObservationId}</td><td>{observation.Kind}</td><td>{observation.State}</td><td>{observation.Priority}</td>
        <td>{string.Join(", ", observation.Fields.Select(f => $"{f.Key}: {f.Value.GetRawText()}"))}</td><td>{Format.Time(observation.ObservedAt)}</td></tr>
        """);
}
