using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>Suggested duplicate pairs (list_potential_duplicates) side by side, with each compared field's agreement and
/// the score; merge or dismiss lead to a confirmation page first (<see cref="DuplicateConfirmPage"/>).</summary>
internal static class DuplicatesPage
{
    public static Html Render(WebSession session, DuplicateList pairs) => Layout.Page("Duplicates", session, Html.Of($"""
        <h1>Duplicates</h1>
        {(pairs.Duplicates.Count == 0 ? Html.Of($"<p>No suggested pair.</p>") : Html.Of($"""
            <table class="list">
            <caption>Pairs that may be one entity, most likely first</caption>
            <thead><tr><th scope="col">Entity A</th><th scope="col">Entity B</th><th scope="col">Type</th><th scope="col">Score</th><th scope="col">Fields compared</th><th scope="col">Decide</th></tr></thead>
            <tbody>{pairs.Duplicates.Select(Row)}</tbody>
            </table>
            """))}
        """));

    private static Html Row(DuplicateView pair) => Html.Of($"""
        <tr class="pair"><td><a href="/entities/{pair.EntityA.EntityId}">{pair.EntityA.CanonicalName}</a></td>
        <td><a href="/entities/{pair.EntityB.EntityId}">{pair.EntityB.CanonicalName}</a></td>
        <td>{pair.EntityType}</td><td>{pair.Score.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)}</td>
        <td><ul class="reasons">{pair.Reasons.Select(r => Html.Of($"<li>{r.Key}: {r.Value.ToString()}</li>"))}</ul></td>
        <td><a class="merge" href="/duplicates/confirm?action=merge&amp;from={pair.EntityB.EntityId}&amp;to={pair.EntityA.EntityId}">Merge…</a>
        <a class="dismiss" href="/duplicates/confirm?action=dismiss&amp;from={pair.EntityB.EntityId}&amp;to={pair.EntityA.EntityId}">Dismiss…</a></td></tr>
        """);
}
