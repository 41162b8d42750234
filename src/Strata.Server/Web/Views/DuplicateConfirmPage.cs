using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The confirmation step of a merge or a dismissal: both entities side by side, field by field, and what the
/// decision will do.</summary>
internal static class DuplicateConfirmPage
{
    public static Html Render(WebSession session, bool merge, SnapshotView from, SnapshotView to) => ConfirmPage.Render(session,
        new Confirmation(merge ? "Merge?" : "Dismiss?", merge ? "Merge these two entities?" : "Dismiss this pair?",
            merge
                ? $"{from.DisplayName} ({from.ObservationCount} observations) will be merged into {to.DisplayName}: its observations move there and it redirects to it. An unmerge can undo it."
                : $"{from.DisplayName} and {to.DisplayName} will not be suggested as duplicates again. The entities do not change.",
            $"/duplicates/{(merge ? "merge" : "dismiss")}", merge ? "Merge" : "Dismiss", "/duplicates")
        {
            Details = Html.Of($"""
                <table class="list side-by-side">
                <thead><tr><th scope="col">Field</th><th scope="col">{from.DisplayName}</th><th scope="col">{to.DisplayName}</th></tr></thead>
                <tbody>{from.Fields.Keys.Union(to.Fields.Keys).Order(StringComparer.Ordinal).Select(f => Html.Of($"""
                    <tr><th scope="row">{f}</th><td>{Value(from, f)}</td><td>{Value(to, f)}</td></tr>
                    """))}</tbody>
                </table>
                """),
            Fields = [("from", from.EntityId), ("to", to.EntityId)],
        });

    private static string Value(SnapshotView entity, string field) => entity.Fields.TryGetValue(field, out var value) ? value.ToString() : "—";
}
