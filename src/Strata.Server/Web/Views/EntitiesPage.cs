using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The entities page: a search over retrieve_entities (a text query and an entity type), newest first.</summary>
internal static class EntitiesPage
{
    public static Html Render(WebSession session, EntityList entities, string? query, string? entityType) => Layout.Page("Entities", session, Html.Of($"""
        <h1>Entities</h1>
        <form class="search" method="get" action="/entities" role="search">
        <label for="q">Find</label>
        <input id="q" name="q" type="search" value="{query}">
        <label for="entity-type">Type</label>
        <input id="entity-type" name="entity_type" value="{entityType}">
        <button type="submit">Search</button>
        </form>
        {(entities.Entities.Count == 0 ? Html.Of($"<p>No entity matches.</p>") : Html.Of($"""
            <table class="list">
            <caption>{entities.Entities.Count} entities, newest first</caption>
            <thead><tr><th scope="col">Entity</th><th scope="col">Type</th><th scope="col">Observations</th><th scope="col">Updated</th></tr></thead>
            <tbody>{entities.Entities.Select(Row)}</tbody>
            </table>
            """))}
        """));

    private static Html Row(SnapshotView entity) => Html.Of($"""
        <tr><td><a href="/entities/{entity.EntityId}">{entity.DisplayName}</a></td><td>{entity.EntityType}</td><td>{entity.ObservationCount}</td><td>{Format.Time(entity.UpdatedAt)}</td></tr>
        """);
}
