using System.Globalization;
using Strata.Core.Imports;
using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>
/// One entity: its snapshot (as of now or a chosen time), each field with the observation, run and source it came from
/// (get_field_provenance), a link to the source with the evidence's characters highlighted when the run found them — or,
/// for a chat fact, to its message in its conversation (get_chat_evidence) —, and every observation (list_observations),
/// competing values included. A value can be corrected and observations split off, each after a confirmation.
/// </summary>
internal static class EntityPage
{
    public static Html Render(WebSession session, SnapshotView entity, IReadOnlyList<ProvenanceChain> provenance, ObservationList observations,
        string? at, IReadOnlyList<ChatEvidenceView> said) => Layout.Page(entity.DisplayName, session, Html.Of($"""
        <h1>{entity.DisplayName} <span class="muted">({entity.EntityType})</span></h1>
        <form class="search history" method="get" action="/entities/{entity.EntityId}">
        <label for="at">As of (UTC)</label>
        <input id="at" name="at" type="datetime-local" step="0.001" value="{LocalValue(at)}">
        <button type="submit">Show</button>
        {(at is null ? Html.Empty : Html.Of($"""<a href="/entities/{entity.EntityId}">Now</a>"""))}
        </form>
        {(at is null ? Html.Empty : Html.Of($"""<p class="as-of">The snapshot as it was at {at} (UTC), and below the observations recorded by then.</p>"""))}
        {(entity.RedirectedFrom is null ? Html.Empty : Html.Of($"<p>{entity.RedirectedFrom} was merged into this entity.</p>"))}
        <h2>Fields</h2>
        <table class="list fields">
        <thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">From</th><th scope="col">Evidence</th></tr></thead>
        <tbody>{provenance.Select(chain => Field(entity, chain, observations, said))}</tbody>
        </table>
        {(at is not null || entity.Fields.Count == 0 ? Html.Empty : Html.Of($"""
            <form class="search correct" method="get" action="/entities/{entity.EntityId}/correct">
            <label for="correct-field">Correct</label>
            <select id="correct-field" name="field">{entity.Fields.Keys.Order(StringComparer.Ordinal).Select(f => Html.Of($"<option>{f}</option>"))}</select>
            <label for="correct-value">to</label>
            <input id="correct-value" name="value" required>
            <button type="submit">Correct…</button>
            </form>
            """))}
        <h2>Observations</h2>
        <form class="split" method="get" action="/entities/{entity.EntityId}/split">
        <table class="list observations">
        <thead><tr><th scope="col">Split off</th><th scope="col">Observation</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Priority</th><th scope="col">Fields</th><th scope="col">Observed</th></tr></thead>
        <tbody>{observations.Observations.Select(Observation)}</tbody>
        </table>
        {(at is not null ? Html.Empty : Html.Of($"""<button type="submit">Split the chosen into a new entity…</button>"""))}
        </form>
        """));

    /// <summary>The value a datetime-local input shows for <c>at</c> (read as UTC when it has no offset).</summary>
    private static string? LocalValue(string? at) =>
        DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)
            : null;

    /// <summary>A field's row: the snapshot's value and the observation that won it. The chain traces the current
    /// winner; as of an earlier time another observation may have won, shown from the observations recorded by then.</summary>
    private static Html Field(SnapshotView entity, ProvenanceChain chain, ObservationList observations, IReadOnlyList<ChatEvidenceView> said)
    {
        var winner = entity.Provenance?.GetValueOrDefault(chain.Field) ?? chain.Observation.ObservationId;
        var message = said.Where(e => e.ObservationId == winner).SelectMany(e => e.Evidence).FirstOrDefault(e => e.Field == chain.Field && e.Found);
        var value = entity.Fields.TryGetValue(chain.Field, out var shown) ? shown.GetRawText() : chain.Value.GetRawText();
        if (winner != chain.Observation.ObservationId && observations.Observations.FirstOrDefault(o => o.ObservationId == winner) is { } earlier)
        {
            return Html.Of($"""
                <tr data-field="{chain.Field}"><th scope="row">{chain.Field}</th><td><code>{value}</code></td>
                <td>{earlier.Kind}{(earlier.RunId is null ? Html.Empty : Html.Of($""", <a class="run" href="/interpretations/{earlier.RunId}">run {earlier.RunId}</a>"""))}</td>
                <td>{(message is null ? Html.Of($"observation {earlier.ObservationId}") : Said(message, earlier.RunId))}</td></tr>
                """);
        }
        return Html.Of($"""
            <tr data-field="{chain.Field}"><th scope="row">{chain.Field}</th><td><code>{value}</code></td>
            <td>{chain.Observation.Kind}{(chain.Run is null ? Html.Empty : Html.Of($""", <a class="run" href="/interpretations/{chain.Run.RunId}">run {chain.Run.RunId}</a> ({chain.Run.Interpreter})"""))}{(chain.Source is null ? Html.Empty : Html.Of($", {chain.Source.OriginalFilename ?? chain.Source.SourceId}"))}</td>
            <td>{(message is null ? Evidence(chain) : Said(message, chain.Run?.RunId))}</td></tr>
            """);
    }

    /// <summary>A chat fact: the quote, linked to its message in its conversation with the characters highlighted.</summary>
    private static Html Said(MessageEvidenceView message, string? runId) => Html.Of($"""
        <a class="evidence message-link" href="/messages/{message.BlockUid}?start={message.CharStart}&amp;length={message.CharLength}{(runId is null ? "" : $"&run={runId}")}">“{message.Text}”</a>
        <span class="muted">in message {message.MessageIndex} ({message.Role}) of “{message.ConversationTitle ?? message.ConversationId}”</span>
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
                || !long.TryParse(from, CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(to, CultureInfo.InvariantCulture, out var end)) continue;
            if (name == field) return (start, end);
            if (name is null) whole = (start, end);
        }
        return whole ?? (0, 0);
    }

    public static string FieldsOf(ObservationView observation) => string.Join(", ", observation.Fields.Select(f => $"{f.Key}: {f.Value.GetRawText()}"));

    private static Html Observation(ObservationView observation) => Html.Of($"""
        <tr data-observation="{observation.ObservationId}"><td><input type="checkbox" name="observation_id" value="{observation.ObservationId}" aria-label="Split off {observation.ObservationId}"></td>
        <td>{observation.ObservationId}</td><td>{observation.Kind}</td><td>{observation.State}</td><td>{observation.Priority}</td>
        <td>{FieldsOf(observation)}</td><td>{Format.Time(observation.ObservedAt)}</td></tr>
        """);
}
