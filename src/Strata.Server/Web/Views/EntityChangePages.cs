using System.Text.Json;
using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The confirmation step of a correction or a split: what will happen, said before it does; only the page's form
/// (with the session's CSRF token) changes anything, through the same operation as REST, MCP and the CLI.</summary>
internal static class EntityChangePages
{
    public static Html Correct(WebSession session, SnapshotView entity, string field, JsonElement value) =>
        Layout.Page("Correct?", session, Html.Of($"""
        <h1>Correct {field} of {entity.DisplayName}?</h1>
        <p class="consequence">{field} will change from {Shown(entity, field)} to {value.GetRawText()}. A correction is recorded (an observation of
        priority 1000): it outranks every interpretation and structured write, now and after later ingests, until a newer correction
        replaces it. The earlier observations are kept, so the entity's history still shows them.</p>
        <form class="decide" method="post" action="/entities/{entity.EntityId}/corrections">
        <input type="hidden" name="{PageEndpoint.CsrfField}" value="{session.CsrfToken}">
        <input type="hidden" name="field" value="{field}">
        <input type="hidden" name="value_json" value="{value.GetRawText()}">
        <label for="reason">Why (kept with the correction)</label>
        <input id="reason" name="reason">
        <button type="submit">Correct</button>
        <a href="/entities/{entity.EntityId}">Cancel</a>
        </form>
        """));

    public static Html Split(WebSession session, SnapshotView entity, IReadOnlyList<ObservationView> moving) =>
        Layout.Page("Split?", session, Html.Of($"""
        <h1>Split {entity.DisplayName}?</h1>
        <p class="consequence">{moving.Count} of its {entity.ObservationCount} observations will move to an entity of their own (its id from
        its own identity keys); both snapshots are recomputed from the observations each keeps. Corrections stay where they were made.
        The split is recorded, and moving the observations back is a merge.</p>
        <table class="list">
        <caption>The observations that will move</caption>
        <thead><tr><th scope="col">Observation</th><th scope="col">Kind</th><th scope="col">Fields</th><th scope="col">Observed</th></tr></thead>
        <tbody>{moving.Select(o => Html.Of($"""
            <tr><td>{o.ObservationId}</td><td>{o.Kind}</td><td>{EntityPage.FieldsOf(o)}</td><td>{Format.Time(o.ObservedAt)}</td></tr>
            """))}</tbody>
        </table>
        <form class="decide" method="post" action="/entities/{entity.EntityId}/splits">
        <input type="hidden" name="{PageEndpoint.CsrfField}" value="{session.CsrfToken}">
        {moving.Select(o => Html.Of($"""<input type="hidden" name="observation_id" value="{o.ObservationId}">"""))}
        <label for="reason">Why (kept in the split record)</label>
        <input id="reason" name="reason">
        <button type="submit">Split</button>
        <a href="/entities/{entity.EntityId}">Cancel</a>
        </form>
        """));

    private static string Shown(SnapshotView entity, string field) => entity.Fields.TryGetValue(field, out var value) ? value.GetRawText() : "nothing";
}
