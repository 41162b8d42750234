using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Strata.Core;
using Strata.Core.Archive;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Server.Auth;
using Strata.Server.Operations;

namespace Strata.Server.Rest;

/// <summary>
/// The portable archive over HTTP (docs/archive.md), beside the catalogue because neither side is JSON:
/// <c>GET /v1/archive</c> streams the caller's archive as it is written (a ZIP; a failure midway cuts the download
/// short, and a cut archive is refused by import); <c>POST /v1/archive?on_conflict=skip|fail</c> takes an archive as
/// the raw body, spools it to a file (a ZIP is read by seeking; the body is bounded like any upload) and imports it.
/// </summary>
public static class ArchiveEndpoints
{
    public const string Path = "/v1/archive";

    public static async Task DownloadAsync(HttpContext context)
    {
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var userId = context.Caller().UserId;
        // The ZIP writer writes each entry's small local header synchronously, even when it is driven asynchronously:
        // allowed for this response only, rather than buffering the archive (its size is the store's).
        context.Features.GetRequiredFeature<IHttpBodyControlFeature>().AllowSynchronousIO = true;
        context.Response.ContentType = "application/zip";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"strata-archive.zip\"";
        await services.ArchiveExport.ExportAsync(userId, context.Response.Body, context.RequestAborted);
        services.Metrics.Exports.Inc(Strata.Core.Metrics.ExportKinds.Archive);
    }

    public static async Task UploadAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var userId = context.Caller().UserId;
        var onConflict = context.Request.Query["on_conflict"].ToString() switch
        {
            "" or "skip" => ArchiveConflict.Skip,
            "fail" => ArchiveConflict.Fail,
            var other => throw StrataException.Validation($"on_conflict must be skip or fail (got '{other}')."),
        };
        var folder = System.IO.Path.Combine(services.Options.SpoolDirectory, "archive");
        Directory.CreateDirectory(folder);
        var spooled = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.upload");
        try
        {
            await using (var file = File.Create(spooled))
            {
                await context.Request.Body.CopyToAsync(file, ct);
            }
            if (new FileInfo(spooled).Length == 0) throw new StrataException(ErrorCodes.EmptyFile, "Send the archive as the request body (application/zip).");
            var result = await services.ArchiveImport.ImportAsync(userId, spooled, onConflict, ct);
            await ResultWriter.WriteAsync(context, OperationResult.Of(result, StrataJson.Wire.ArchiveImportResult), StatusCodes.Status200OK);
        }
        finally
        {
            File.Delete(spooled);
        }
    }
}
