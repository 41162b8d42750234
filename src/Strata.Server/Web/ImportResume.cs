using Microsoft.AspNetCore.Builder;
using Strata.Core.Imports;
using Strata.Server.Operations;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// Resuming a failed or interrupted import from its page (docs/web.md): a GET shows what resuming does (reading the
/// import as the session's user, so another user's import answers as a missing one), and only the confirmation's form
/// post, CSRF-protected, calls <c>resume_import</c> — the operation of <c>POST /v1/imports/{import_id}/resume</c> and
/// <c>strata import resume</c> — then opens the import's live page.
/// </summary>
internal static class ImportResume
{
    public static void MapImportResume(this WebApplication app)
    {
        app.MapGet("/imports/{import_id}/resume", PageEndpoint.Page(async page =>
            ImportPage.ConfirmResume(page.Session, await page.GetAsync<ChatImportView>("get_import", ("import_id", page.Route("import_id"))))));
        app.MapPost("/imports/{import_id}/resume", PageEndpoint.Form(async page =>
        {
            var resumed = (ChatImportView)(await page.CallAsync(ImportOperations.ResumeImport.Name, ("import_id", page.Route("import_id")))).Value;
            return $"/imports/{Uri.EscapeDataString(resumed.ImportId)}";
        }));
    }
}
