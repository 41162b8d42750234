using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Server.Auth;
using Strata.Server.Http;
using Strata.Server.Operations;

namespace Strata.Server.Rest;

/// <summary>
/// <c>POST /v1/sources</c>: the file as the raw body, or as the part named <c>file</c> of a multipart form. The bytes
/// go straight from the connection into the core's spool, which hashes them and enforces the size limit as they
/// arrive; nothing is buffered first. filename, mime_type, entity_type, interpret, wait, llm and model come from the query string or
/// from form fields placed before the file part.
/// </summary>
internal static class SourceUpload
{
    private const int MaxFieldChars = 4096;
    private const int MaxFields = 16;

    private static readonly IReadOnlyList<Parameter> Fields =
        [SourceOperations.FileName, SourceOperations.MimeType, SourceOperations.EntityType, SourceOperations.Interpret, SourceOperations.Wait,
            SourceOperations.Llm, SourceOperations.Model];

    public static async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var userId = context.Caller().UserId;
        var fields = QueryText.Of(context.Request.Query).ToList();

        IngestResult result;
        if (MultipartForm.IsMultipart(context.Request.ContentType))
        {
            var form = MultipartForm.Open(context.Request, "Send the file as the raw body, or as the part named 'file' of a multipart form.");
            result = await IngestMultipartAsync(services, userId, form, fields, ct);
        }
        else
        {
            var arguments = Arguments.Parse(Fields, [], fields);
            result = await IngestAsync(services, userId, context.Request.Body, arguments, arguments.String("filename"),
                DeclaredType(context.Request.ContentType), ct);
        }

        if (!result.Deduplicated)
        {
            context.Response.Headers.Location = $"{RestApi.SourcesPath}/{result.SourceId}";
        }
        await ResultWriter.WriteAsync(context, OperationResult.Of(result, StrataJson.Wire.IngestResult),
            result.Deduplicated ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static async Task<IngestResult> IngestMultipartAsync(StrataServices services, string userId, MultipartForm form,
        List<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        while (await form.NextAsync(ct) is { } part)
        {
            if (!part.IsFormData)
            {
                throw StrataException.Validation("Each part of the form needs 'Content-Disposition: form-data; name=...'.");
            }
            if (part.Name == "file" || part.FileName is not null)
            {
                // The file part is read last: fields after it would arrive after the source was stored.
                var arguments = Arguments.Parse(Fields, [], fields);
                return await IngestAsync(services, userId, part.Body, arguments, arguments.String("filename") ?? part.FileName,
                    DeclaredType(part.ContentType), ct);
            }
            if (fields.Count >= MaxFields)
            {
                throw StrataException.Validation($"The form has more than {MaxFields} fields.");
            }
            fields.Add(KeyValuePair.Create(part.Name, await part.ReadTextAsync(MaxFieldChars, ct)));
        }
        throw StrataException.Validation("The form has no file: send the file as a part named 'file'.");
    }

    private static Task<IngestResult> IngestAsync(StrataServices services, string userId, Stream content, Arguments arguments,
        string? fileName, string? declaredType, CancellationToken ct) =>
        services.Ingest.IngestAsync(userId, new IngestRequest(content, fileName, arguments.String("mime_type") ?? declaredType,
            arguments.String("entity_type"), arguments.Bool("interpret") ?? true, arguments.Bool("wait") ?? true)
        {
            Llm = SourceOperations.WantsLlm(arguments),
            Model = arguments.String("model"),
        }, ct);

    /// <summary>The type the client declared for the bytes, unless it is a generic default that says nothing about them
    /// (curl sends form-urlencoded for --data-binary), in which case the type is detected.</summary>
    private static string? DeclaredType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        var type = MediaTypes.Normalize(contentType);
        return type is MediaTypes.OctetStream or "application/x-www-form-urlencoded" ? null : type;
    }
}
