using Microsoft.AspNetCore.Builder;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Core.Sources;
using Strata.Server.Http;
using Strata.Server.Operations;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// <c>POST /imports/uploads</c>: a ChatGPT or Claude export uploaded from the imports page (docs/web.md), read part by
/// part as it arrives. The session's CSRF token is the first part, checked before anything else is read
/// (<see cref="PageEndpoint.StreamedForm"/>); then <c>provider</c>; then the file, streamed into the spool with the limit
/// of REST's chat import (<c>FILE_TOO_LARGE</c> past it, nothing stored) and imported by the same function as
/// <c>import_chat</c> (<see cref="ImportOperations.ImportChatAsync"/>), which answers after the quick pass. The browser
/// then lands on the import's live page. A broken export is an import that failed, its page saying
/// <c>MALFORMED_CONTENT</c> and where it broke; any other refusal shows the imports page again with the code and why.
/// </summary>
internal static class ImportUpload
{
    public const string Path = "/imports/uploads";

    /// <summary>The longest provider name, with room to spare.</summary>
    private const int MaxProviderChars = 64;

    public static void MapImportUpload(this WebApplication app) => app.MapPost(Path, PageEndpoint.StreamedForm(ImportAsync, RefusedAsync));

    private static async Task<string> ImportAsync(PageRequest page, MultipartForm form)
    {
        var ct = page.Http.RequestAborted;
        var options = page.Services.Options;
        string? provider = null;
        while (await form.NextAsync(ct) is { } part)
        {
            if (part.FileName is null)
            {
                provider = part.Name == "provider"
                    ? (await part.ReadTextAsync(MaxProviderChars, ct)).Trim()
                    : throw StrataException.Validation($"Unknown form field '{part.Name}': the form takes provider, then the file.");
                continue;
            }
            if (provider is null) throw StrataException.Validation("Choose which assistant wrote the export (ChatGPT or Claude) before the file.");
            using var spooled = await new Spool(options.SpoolDirectory).WriteAsync(part.Body, options.MaxUploadBytes, ct);
            await using var export = spooled.OpenRead();
            var import = await ImportOperations.ImportChatAsync(page.Services, page.UserId, export, provider, part.FileName, fullPass: null,
                projects: null, ct);
            return $"/imports/{Uri.EscapeDataString(import.ImportId)}";
        }
        throw StrataException.Validation("The form has no file: choose the export to upload.");
    }

    /// <summary>The imports page again, the refusal above the form (its status the one REST answers for the code).</summary>
    private static async Task<Html> RefusedAsync(PageRequest page, StrataException refused) =>
        ActivityPages.Imports(page.Session, await page.GetAsync<ImportList>("list_imports", ("limit", KnowledgePages.ListLimit)), refused);
}
