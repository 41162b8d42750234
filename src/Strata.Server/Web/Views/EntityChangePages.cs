using System.Text.Json;
using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The confirmation step of a correction or a split: what will happen, said before it does.</summary>
internal static class EntityChangePages
{
    public static Html Correct(WebSession session, SnapshotView entity, string field, JsonElement value) => ConfirmPage.Render(session,
        new Confirmation("Correct?", $"Correct {field} of {entity.DisplayName}?",
            $"{field} will change from {Shown(entity, field)} to {value.GetRawText()}. A correction is recorded (an observation of "
            + "priority 1000): it outranks every interpretation and structured write, now and after later ingests, until a newer correction "
            + "replaces it. The earlier observations are kept, so the entity's history still shows them.",
            $"/entities/{entity.EntityId}/corrections", "Correct", $"/entities/{entity.EntityId}")
        {
            Fields = [("field", field), ("value_json", value.GetRawText())],
            ReasonLabel = "Why (kept with the correction)",
        });

    public static Html Split(WebSession session, SnapshotView entity, IReadOnlyList<ObservationView> moving) => ConfirmPage.Render(session,
        new Confirmation("Split?", $"Split {entity.DisplayName}?",
            $"{moving.Count} of its {entity.ObservationCount} observations will move to an entity of their own (its id from its own identity "
            + "keys); both snapshots are recomputed from the observations each keeps. Corrections stay where they were made. The split is "
            + "recorded, and moving the observations back is a merge.",
            $"/entities/{entity.EntityId}/splits", "Split", $"/entities/{entity.EntityId}")
        {
            Details = Html.Of($"""
                <table class="list">
                <caption>The observations that will move</caption>
                <thead><tr><th scope="col">Observation</th><th scope="col">Kind</th><th scope="col">Fields</th><th scope="col">Observed</th></tr></thead>
                <tbody>{moving.Select(o => Html.Of($"""
                    <tr><td>{o.ObservationId}</td><td>{o.Kind}</td><td>{EntityPage.FieldsOf(o)}</td><td>{Format.Time(o.ObservedAt)}</td></tr>
                    """))}</tbody>
                </table>
                """),
            Fields = moving.Select(o => ("observation_id", o.ObservationId)).ToList(),
            ReasonLabel = "Why (kept in the split record)",
        });

    private static string Shown(SnapshotView entity, string field) => entity.Fields.TryGetValue(field, out var value) ? value.GetRawText() : "nothing";
}
