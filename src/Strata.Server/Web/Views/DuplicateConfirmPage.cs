using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The confirmation step of a merge or a dismissal: both entities side by side, field by field, and what the
/// decision will do; only its form (CSRF-protected) changes anything.</summary>
internal static class DuplicateConfirmPage
{
    public static Html Render(WebSession session, bool merge, SnapshotView from, SnapshotView to) =>
        Layout.Page(merge ? "Merge?" : "Dismiss?", session, Html.Of($"""
        <h1>{(merge ? "Merge these two entities?" : "Dismiss this pair?")}</h1>
        <p class="consequence">{(merge
            ? $"{from.DisplayName} ({from.ObservationCount} observations) will be merged into {to.DisplayName}: its observations move there and it redirects to it. An unmerge can undo it."
            : $"{from.DisplayName} and {to.DisplayName} will not be suggested as duplicates again. The entities do not change.")}</p>
        <table class="list side-by-side">
        <thead><tr><th scope="col">Field</th><th scope="col">{from.DisplayName}</th><th scope="col">{to.DisplayName}</th></tr></thead>
        <tbody>{from.Fields.Keys.Union(to.Fields.Keys).Order(StringComparer.Ordinal).Select(f => Html.Of($"""
            <tr><th scope="row">{f}</th><td>{Value(from, f)}</td><td>{Value(to, f)}</td></tr>
            """))}</tbody>
        </table>
        <form class="decide" method="post" action="/duplicates/{(merge ? "merge" : "dismiss")}">
        <input type="hidden" name="{PageEndpoint.CsrfField}" value="{session.CsrfToken}">
        <input type="hidden" name="from" value="{from.EntityId}">
        <input type="hidden" name="to" value="{to.EntityId}">
        <button type="submit">{(merge ? "Merge" : "Dismiss")}</button>
        <a href="/duplicates">Cancel</a>
        </form>
        """));

    private static string Value(SnapshotView entity, string field) => entity.Fields.TryGetValue(field, out var value) ? value.ToString() : "—";
}
