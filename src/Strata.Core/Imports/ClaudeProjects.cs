namespace Strata.Core.Imports;

/// <summary>Claude's <c>projects.json</c> as Strata stores it: a source of this media type, interpreted by the rules into
/// <c>project</c> entities, so each project's observations lead back to the projects file.</summary>
public static class ClaudeProjects
{
    public const string MediaType = "application/vnd.strata.claude-projects+json";

    public const string EntityType = "project";

    public const string FileName = "projects.json";
}
