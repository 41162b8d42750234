using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The home page: the user's projects (list_projects) with their document counts, each with its delete, and the
/// notice of a delete just done.</summary>
internal static class ProjectsPage
{
    public static Html Render(WebSession session, ProjectList projects, DeletionView? deleted) => Layout.Page("Projects", session, Html.Of($"""
        <h1>Projects</h1>
        {DeletePages.Notice(deleted)}
        {(projects.Projects.Count == 0
            ? Html.Of($"""<p>No project yet: create one with <code>strata projects create NAME</code>.</p>""")
            : Html.Of($"""
                <table class="list">
                <caption>Your projects, oldest first</caption>
                <thead><tr><th scope="col">Project</th><th scope="col">Documents</th><th scope="col">Updated</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>{projects.Projects.Select(Row)}</tbody>
                </table>
                """))}
        """));

    private static Html Row(ProjectView project) => Html.Of($"""
        <tr><td><a href="/projects/{project.ProjectId}">{project.Name}</a></td><td>{project.DocumentCount}</td><td>{Format.Time(project.UpdatedAt)}</td>
        <td><a class="delete" href="/projects/{project.ProjectId}/delete">Delete<span class="visually-hidden"> {project.Name}</span>…</a></td></tr>
        """);
}
