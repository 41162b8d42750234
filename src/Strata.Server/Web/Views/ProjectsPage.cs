using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The home page: the user's projects (list_projects) with their document counts.</summary>
internal static class ProjectsPage
{
    public static Html Render(WebSession session, ProjectList projects) => Layout.Page("Projects", session, Html.Of($"""
        <h1>Projects</h1>
        {(projects.Projects.Count == 0
            ? Html.Of($"""<p>No project yet: create one with <code>strata projects create NAME</code>.</p>""")
            : Html.Of($"""
                <table class="list">
                <caption>Your projects, oldest first</caption>
                <thead><tr><th scope="col">Project</th><th scope="col">Documents</th><th scope="col">Updated</th></tr></thead>
                <tbody>{projects.Projects.Select(Row)}</tbody>
                </table>
                """))}
        """));

    private static Html Row(ProjectView project) => Html.Of($"""
        <tr><td><a href="/projects/{project.ProjectId}">{project.Name}</a></td><td>{project.DocumentCount}</td><td>{Format.Time(project.UpdatedAt)}</td></tr>
        """);
}
