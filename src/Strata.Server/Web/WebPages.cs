using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Server.Operations;
using Strata.Server.Rest;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// The web page at <c>/</c> (docs/web.md): server-rendered HTML over the operation catalogue, a session started from an
/// API key, and the few JSON endpoints the grid's script calls (under /page-api, never /v1: the session cookie opens no
/// REST door, and a bearer key opens no page).
/// </summary>
public static class WebPages
{
    public static void MapWebPages(this WebApplication app)
    {
        app.MapGet(WebAssets.Prefix + "/{name}", WebAssets.ServeAsync);
        app.MapGet("/", HomeAsync);
        app.MapPost("/sign-in", SignInAsync);
        app.MapPost("/sign-out", PageEndpoint.Form(SignOutAsync));
        app.MapGet("/projects/{project}", PageEndpoint.Page(ProjectAsync));
        app.MapPost("/projects/{project}/apply", PageEndpoint.Form(ApplyAsync));
        app.MapGet("/runs/{run_id}", PageEndpoint.Page(GridAsync));
        app.MapGet("/runs/{run_id}/blocks/{block_index}", PageEndpoint.Page(SourceAsync));
        app.MapKnowledgePages();
        app.MapDeletes();

        // The grid's rows: its URL filter as list_block_values takes it, paged by cursor (no filter) or offset (a filter).
        app.MapGet("/page-api/runs/{run_id}/values", PageEndpoint.Json(page => page.CallAsync("list_block_values",
            [("run_id", page.Route("run_id")), ("cursor", page.Query("cursor")), ("offset", page.Query("offset")), ("limit", page.Query("limit")),
                ("include_total", page.Query("include_total")), .. GridFilter.Of(page).Arguments], []), write: false));
        app.MapGet("/page-api/blocks/{block_uid}", PageEndpoint.Json(page => page.CallAsync("get_block", ("block_uid", page.Route("block_uid"))), write: false));
        app.MapPost("/page-api/runs/{run_id}/values/{block_index}/confirm", PageEndpoint.Json(page => page.CallAsync("confirm_block_value",
            ("run_id", page.Route("run_id")), ("block_index", page.Route("block_index"))), write: true));
        app.MapPost("/page-api/runs/{run_id}/values/{block_index}/reject", PageEndpoint.Json(page => page.CallAsync("reject_block_value",
            ("run_id", page.Route("run_id")), ("block_index", page.Route("block_index"))), write: true));
        app.MapPost("/page-api/runs/{run_id}/values/{block_index}/edit", PageEndpoint.Json(EditAsync, write: true));
        app.MapPost("/page-api/runs/{run_id}/confirm-all", PageEndpoint.Json(page => page.CallAsync("confirm_all_staged",
            ("scope", "run"), ("id", page.Route("run_id"))), write: true));
        app.MapPost("/page-api/runs/{run_id}/matching/{action}", PageEndpoint.Json(MatchingReview.HandleAsync, write: true));
        app.MapPost("/page-api/runs/{run_id}/bulk-changes", PageEndpoint.Json(MatchingReview.BulkChangeAsync, write: true));
        app.MapPost("/page-api/bulk-changes/{change_id}/undo", PageEndpoint.Json(page => page.CallAsync("undo_bulk_change",
            ("change_id", page.Route("change_id"))), write: true));
        app.MapGet("/page-api/projects/{project}/events", PageEndpoint.Stream(ProjectEvents.StreamAsync));
        app.MapPost("/page-api/projects/{project}/uploads", PageEndpoint.Upload(page => DocumentUpload.HandleAsync(page.Http, page.UserId)));
    }

    private static async Task HomeAsync(HttpContext context)
    {
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        if (await services.Users.FindSessionAsync(SessionCookie.Read(context), context.RequestAborted) is not { } session)
        {
            await PageEndpoint.WriteHtmlAsync(context, SignInPage.Render(null));
            return;
        }
        await PageEndpoint.Page(async page => ProjectsPage.Render(page.Session, await page.GetAsync<ProjectList>("list_projects", ("limit", "500")),
            await Deletes.JustDoneAsync(page)))(context);
    }

    /// <summary>Checks the key once and starts a session; a wrong key shows the sign-in page again with why (401).</summary>
    private static async Task SignInAsync(HttpContext context)
    {
        if (!PageEndpoint.FromThisSite(context))
        {
            await PageEndpoint.RefuseAsync(context);
            return;
        }
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var key = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["api_key"].ToString() : null;
        if (await services.Users.SignInAsync(key?.Trim(), context.RequestAborted) is not { } started)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await PageEndpoint.WriteHtmlAsync(context, SignInPage.Render("That API key is not valid or was revoked."));
            return;
        }
        SessionCookie.Write(context, started);
        PageEndpoint.SeeOther(context, "/");
    }

    private static async Task<string> SignOutAsync(PageRequest page)
    {
        await page.Services.Users.SignOutAsync(SessionCookie.Read(page.Http), page.Http.RequestAborted);
        SessionCookie.Clear(page.Http);
        return "/";
    }

    private static async Task<Html> ProjectAsync(PageRequest page)
    {
        var project = await page.GetAsync<Core.Operations.ProjectView>("get_project", ("project", page.Route("project")));
        var progress = await page.GetAsync<ProjectProgress>("get_review_progress", ("project_id", project.ProjectId));
        // A page of documents at a time, by list_documents' keyset cursor: a project of 1,000 documents costs what one of 100 does.
        var cursor = page.Query("cursor");
        var documents = await page.GetAsync<DocumentList>("list_documents", ("project", project.ProjectId), ("limit", ProjectPage.PageSize),
            ("cursor", cursor), ("include_total", "true"));
        var runs = await ProjectRuns.OfAsync(page, documents.Documents);
        var schemas = await page.GetAsync<BlockSchemaList>("list_block_schemas");
        return ProjectPage.Render(page.Session, project, progress, documents, cursor, runs, schemas, await Deletes.JustDoneAsync(page));
    }

    /// <summary>apply_block_schema from the project page's form: a run per document, answered by the workers.</summary>
    private static async Task<string> ApplyAsync(PageRequest page)
    {
        var form = await page.Http.Request.ReadFormAsync(page.Http.RequestAborted);
        var project = await page.GetAsync<Core.Operations.ProjectView>("get_project", ("project", page.Route("project")));
        await page.CallAsync("apply_block_schema", ("project_id", project.ProjectId), ("schema_ref", form["schema_ref"].ToString()));
        return $"/projects/{Uri.EscapeDataString(project.ProjectId)}";
    }

    private static async Task<Html> GridAsync(PageRequest page)
    {
        var run = await page.GetAsync<BlockRunView>("get_block_run", ("run_id", page.Route("run_id")));
        var schema = await page.GetAsync<BlockSchemaView>("get_block_schema",
            ("schema_ref", run.SchemaRef), ("version", run.SchemaVersion.ToString(CultureInfo.InvariantCulture)));
        var document = await page.GetAsync<DocumentView>("get_document", ("document_id", run.DocumentId));
        // The rows the filter lists are counted by the same query that pages them (the whole run when there is no filter).
        var filter = GridFilter.Of(page);
        int? listed = filter.IsEmpty ? null : (await page.GetAsync<BlockValueList>("list_block_values",
            [("run_id", run.RunId), ("limit", "1"), ("include_total", "true"), .. filter.Arguments])).Total;
        return GridPage.Render(page.Session, run, schema, document, filter, listed, page.Query("hide"), page.Query("density"));
    }

    private static async Task<Html> SourceAsync(PageRequest page)
    {
        var run = await page.GetAsync<BlockRunView>("get_block_run", ("run_id", page.Route("run_id")));
        var value = await page.GetAsync<BlockValueView>("get_block_value", ("run_id", run.RunId), ("block_index", page.Route("block_index")));
        var block = await page.GetAsync<BlockView>("get_block", ("block_uid", value.BlockUid));
        var document = await page.GetAsync<DocumentView>("get_document", ("document_id", value.DocumentId));
        if (block.Locator.ValueKind != JsonValueKind.Object || !block.Locator.TryGetProperty("kind", out var kind) || kind.GetString() != "text_offset_range")
        {
            return SourcePage.Render(page.Session, value, block, document, run, null, 0, 0);
        }
        var (start, end) = (block.Locator.GetProperty("start").GetInt64(), block.Locator.GetProperty("end").GetInt64());
        var from = Math.Max(0, start - SourcePage.Context);
        var length = (int)Math.Min(Core.Agent.SourceContentService.MaxLength, end - from + SourcePage.Context);
        var content = await page.GetAsync<SourceContentView>("get_source_content", ("source_id", document.SourceId),
            ("offset", from.ToString(CultureInfo.InvariantCulture)), ("length", length.ToString(CultureInfo.InvariantCulture)));
        return SourcePage.Render(page.Session, value, block, document, run, content, start, end);
    }

    private static async Task<OperationResult> EditAsync(PageRequest page)
    {
        using var body = await JsonDocument.ParseAsync(page.Http.Request.Body, cancellationToken: page.Http.RequestAborted);
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("value", out var value))
        {
            throw StrataException.Validation("Send the edited fields as {\"value\": {...}}.");
        }
        return await page.CallAsync("edit_block_value", [("run_id", page.Route("run_id")), ("block_index", page.Route("block_index"))],
            [KeyValuePair.Create("value", value.Clone())]);
    }
}
