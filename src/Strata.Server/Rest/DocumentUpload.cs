using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Server.Auth;
using Strata.Server.Http;
using Strata.Server.Operations;

namespace Strata.Server.Rest;

/// <summary>
/// <c>POST /v1/projects/{project}/uploads</c>: many files as one multipart form, each part with a file name becoming a
/// document of the project (the same service call as <c>add_document</c>). Parts stream straight into the spool one after
/// another; a file that is refused (its type, its size, its content) is reported with its error and the others go on.
/// <c>wait</c> comes from the query string (default true: each file's conversion is settled before the answer).
/// </summary>
internal static class DocumentUpload
{
    private static readonly IReadOnlyList<Parameter> Fields = [DocumentOperations.Wait];

    /// <summary>Parts in one form: a bound on the work one request may ask for.</summary>
    public const int MaxFiles = 1000;

    public static Task HandleAsync(HttpContext context) => HandleAsync(context, context.Caller().UserId);

    /// <summary>The upload as <paramref name="userId"/>: the REST caller, or the web page's signed-in user.</summary>
    public static async Task HandleAsync(HttpContext context, string userId)
    {
        var ct = context.RequestAborted;
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var project = Convert.ToString(context.Request.RouteValues["project"], System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var wait = Arguments.Parse(Fields, [], QueryText.Of(context.Request.Query).ToList()).Bool("wait") ?? true;
        var form = MultipartForm.Open(context.Request, "Send the files as multipart/form-data, one part per file (each with a filename).");
        // The project is checked before any byte is read: a wrong name refuses the whole request.
        var target = await services.Projects.GetAsync(userId, project, ct);

        var files = new List<AddedFile>();
        try
        {
            while (await form.NextAsync(ct) is { } part)
            {
                if (part.FileName is not { } fileName) continue; // a plain field: nothing to add
                if (files.Count >= MaxFiles) throw StrataException.Validation($"One upload holds at most {MaxFiles} files; send the rest in another.");
                try
                {
                    var result = await services.Documents.AddFileAsync(userId, target.ProjectId, part.Body, fileName, DeclaredType(part.ContentType), wait, ct);
                    files.Add(new AddedFile(fileName, result, null));
                }
                catch (StrataException refused) when (!form.IsBroken && refused.Code is not (ErrorCodes.StoreBusy or ErrorCodes.ProjectNotFound))
                {
                    files.Add(new AddedFile(fileName, null, new ErrorBody(refused.Code, refused.Message)));
                }
            }
        }
        catch (StrataException broken) when (form.IsBroken && files.Any(f => f.Result is not null))
        {
            // The files before the break were stored whole, and stay: the refusal says which, so nothing is kept unsaid.
            throw StrataException.Validation($"{broken.Message} Stored before the break: "
                + string.Join(", ", files.Where(f => f.Result is not null).Select(f => f.FileName)) + ".");
        }
        if (files.Count == 0) throw StrataException.Validation("The form has no file: send each file as a part with a filename.");

        var answer = new AddDocumentsResult(target.ProjectId, files, files.Count(f => f.Result is not null), files.Count(f => f.Error is not null));
        await ResultWriter.WriteAsync(context, OperationResult.Of(answer, StrataJson.Wire.AddDocumentsResult),
            files.Any(f => f.Result?.Created == true) ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static string? DeclaredType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        var type = Core.Interpretation.MediaTypes.Normalize(contentType);
        return type is Core.Interpretation.MediaTypes.OctetStream ? null : type;
    }
}
