using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Documents;

/// <summary><c>create_project</c>, <c>list_projects</c>, <c>get_project</c>, <c>rename_project</c>. A project is named by its
/// id (<c>prj_…</c>) or its name wherever one is asked for; another user's answers as a missing one.</summary>
public sealed class ProjectService(IStrataStore store, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public async Task<ProjectView> CreateAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var valid = ValidName(name);
        var now = clock.GetUtcNow();
        var project = new Project(StrataIds.NewProject(), userId, valid, now, now);
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        if (!await session.Projects.InsertAsync(project, cancellationToken)) throw NameTaken(valid);
        await session.CommitAsync(cancellationToken);
        return DocumentViews.Of(project);
    }

    public async Task<ProjectList> ListAsync(string userId, Paging paging, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var page = await session.Projects.ListAsync(paging.Validated(), cancellationToken);
        return new ProjectList(page.Items.Select(DocumentViews.Of).ToList(), page.NextCursor, page.Total);
    }

    public async Task<ProjectView> GetAsync(string userId, string project, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return DocumentViews.Of(await ResolveAsync(session, project, cancellationToken));
    }

    public async Task<ProjectView> RenameAsync(string userId, string project, string newName, CancellationToken cancellationToken)
    {
        var valid = ValidName(newName);
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var found = await ResolveAsync(session, project, cancellationToken);
        if (found.Name == valid) return DocumentViews.Of(found);
        if (await session.Projects.FindByNameAsync(valid, cancellationToken) is not null) throw NameTaken(valid);
        var now = clock.GetUtcNow();
        if (!await session.Projects.RenameAsync(found.Id, valid, now, cancellationToken)) throw NotFound(project);
        await session.CommitAsync(cancellationToken);
        return DocumentViews.Of(found with { Name = valid, UpdatedAt = now });
    }

    /// <summary>The project named by <paramref name="project"/>: its id (<c>prj_…</c>) or its name.</summary>
    public static async Task<Project> ResolveAsync(IStoreReader session, string project, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(project)) throw StrataException.Validation("project is required: a project's id (prj_...) or name.");
        var found = project.StartsWith("prj_", StringComparison.Ordinal)
            ? await session.Projects.GetAsync(project, cancellationToken) ?? await session.Projects.FindByNameAsync(project, cancellationToken)
            : await session.Projects.FindByNameAsync(project.Trim(), cancellationToken);
        return found ?? throw NotFound(project);
    }

    public static StrataException NotFound(string project) =>
        new(ErrorCodes.ProjectNotFound, $"No project '{project}'. List yours with list_projects (`strata projects`).");

    private static StrataException NameTaken(string name) =>
        new(ErrorCodes.ProjectNameTaken, $"You already have a project named '{name}'. Project names are unique per user: choose another.");

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw StrataException.Validation("name is required: the project's name.");
        if (trimmed.Length > MaxNameLength) throw StrataException.Validation($"A project name has at most {MaxNameLength} characters (got {trimmed.Length}).");
        if (trimmed.Any(char.IsControl)) throw StrataException.Validation("A project name may not hold control characters.");
        return trimmed;
    }
}
