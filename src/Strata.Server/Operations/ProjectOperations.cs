using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Projects: named collections of documents, and the delete audit.</summary>
public static class ProjectOperations
{
    public static readonly Parameter Project = new("project", ParameterType.String, "The project's id (prj_...) or its name.", Required: true);

    public static readonly StrataOperation CreateProject = new("create_project", "Create a project",
        "Create a project: a named collection of documents. Names are unique per user (PROJECT_NAME_TAKEN otherwise). "
        + "Returns the project with its id (prj_...).",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [new("name", ParameterType.String, "The project's name (1-200 characters, unique among your projects).", Required: true)],
        () => StrataJson.Wire.ProjectView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Projects.CreateAsync(call.UserId, call.Arguments.RequiredString("name"), ct), StrataJson.Wire.ProjectView, created: true))
    {
        Route = HttpRoute.Post("/v1/projects"),
        AnswersCreated = true,
    };

    public static readonly StrataOperation ListProjects = new("list_projects", "List projects",
        "List your projects, oldest first, each with its document count.",
        OperationTraits.Read,
        [CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip],
        () => StrataJson.Wire.ProjectList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Projects.ListAsync(call.UserId, CommonParameters.PagingOf(call.Arguments), ct), StrataJson.Wire.ProjectList))
    {
        Route = HttpRoute.Get("/v1/projects"),
    };

    public static readonly StrataOperation GetProject = new("get_project", "Get a project",
        "One project by id or name, with its document count.",
        OperationTraits.Read,
        [Project],
        () => StrataJson.Wire.ProjectView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Projects.GetAsync(call.UserId, call.Arguments.RequiredString("project"), ct), StrataJson.Wire.ProjectView))
    {
        Route = HttpRoute.Get("/v1/projects/{project}"),
    };

    public static readonly StrataOperation RenameProject = new("rename_project", "Rename a project",
        "Give a project a new name (unique among your projects: PROJECT_NAME_TAKEN otherwise). Its id and documents stay.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [Project, new("name", ParameterType.String, "The new name.", Required: true)],
        () => StrataJson.Wire.ProjectView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Projects.RenameAsync(call.UserId, call.Arguments.RequiredString("project"), call.Arguments.RequiredString("name"), ct),
            StrataJson.Wire.ProjectView))
    {
        Route = HttpRoute.Patch("/v1/projects/{project}"),
    };

    public static readonly StrataOperation DeleteProject = new("delete_project", "Delete a project",
        "Delete a project and everything in it: its documents, their block runs (with the entities only their confirmed values fed), their "
        + "blocks, and the sources (with their bytes) that nothing else uses. "
        + "Explicit and final; audited (list_deletions). Answers what it removed, counted by kind.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [Project],
        () => StrataJson.Wire.DeleteResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Deletions.DeleteProjectAsync(call.UserId, call.Arguments.RequiredString("project"), ct), StrataJson.Wire.DeleteResult))
    {
        Route = HttpRoute.Delete("/v1/projects/{project}"),
    };

    public static readonly StrataOperation PreviewDeletion = new("preview_deletion", "Preview a deletion",
        "What delete_project or delete_document would remove, removing nothing: give exactly one of project or document_id. Answers the "
        + "documents, blocks, block runs, their staged and confirmed values and the observations those values became, counted; and in words "
        + "what happens to the sources (with their bytes: kept when something else uses them) and the entities (kept when something else "
        + "observes them). Another user's project or document answers as a missing one.",
        OperationTraits.Read,
        [
            new("project", ParameterType.String, "The project's id (prj_...) or name, to preview delete_project."),
            new("document_id", ParameterType.String, "The document's id (doc_...), to preview delete_document."),
        ],
        () => StrataJson.Wire.DeletionPreview,
        async (call, ct) => OperationResult.Of(
            await call.Services.Deletions.PreviewAsync(call.UserId, call.Arguments.String("project"), call.Arguments.String("document_id"), ct),
            StrataJson.Wire.DeletionPreview))
    {
        Route = HttpRoute.Get("/v1/deletions/preview"),
    };

    public static readonly StrataOperation ListDeletions = new("list_deletions", "List deletions",
        "Your explicit deletes (projects, documents), newest first: what was deleted, its name then, and what went with it.",
        OperationTraits.Read,
        [CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal],
        () => StrataJson.Wire.DeletionList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Deletions.ListAsync(call.UserId, CommonParameters.PagingOf(call.Arguments), ct), StrataJson.Wire.DeletionList))
    {
        Route = HttpRoute.Get("/v1/deletions"),
    };
}
