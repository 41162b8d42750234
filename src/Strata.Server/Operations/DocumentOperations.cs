using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Documents in projects and their blocks.</summary>
public static class DocumentOperations
{
    public static readonly Parameter DocumentId = new("document_id", ParameterType.String, "The document's id (doc_...).", Required: true);

    public static readonly Parameter Wait = new("wait", ParameterType.Boolean,
        "true (default) answers once the conversion settled (status ingested or conversion_failed). false answers at once with status "
        + "uploaded while a server worker converts it; follow it with get_document.");

    /// <summary>The <c>add_document</c> tool: a stored source, the bytes as base64, or — only for a local stdio server — a path.</summary>
    public static StrataOperation AddDocument(AllowedRoot? localFiles)
    {
        var file = new FileArgument(localFiles, "the file");
        var parameters = new List<Parameter>
        {
            ProjectOperations.Project,
            new("source_id", ParameterType.String, "A source you stored already (src_...) to add as a document."),
        };
        parameters.AddRange(file.Parameters("Or the file's bytes, base64-encoded."));
        parameters.AddRange([
            new("filename", ParameterType.String, "The document's name; with bytes, its extension helps detect the type (lease.md, report.docx)."),
            new("mime_type", ParameterType.String, "The media type of the bytes (text/markdown, text/html, application/pdf...). Detected when absent."),
            Wait,
        ]);

        return new StrataOperation("add_document", "Add a document to a project",
            "Add a document to a project and convert it into typed blocks (heading, paragraph, list_item, table, record...), each with its "
            + "place in the original. Reads Markdown, plain text, HTML, DOCX, PDF, CSV and XLSX; other types answer UNSUPPORTED_MEDIA_TYPE. "
            + "Give exactly one of source_id or content_base64" + (localFiles is null ? "" : " or path") + ". The same source added again "
            + "is the same document (created false). Returns the document with its status (uploaded, converting, ingested, conversion_failed with error).",
            new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
            parameters,
            () => StrataJson.Wire.AddDocumentResult,
            async (call, ct) =>
            {
                var args = call.Arguments;
                var project = args.RequiredString("project");
                var sourceId = args.String("source_id");
                if ((sourceId is not null) == FileArgument.IsGiven(args))
                {
                    throw StrataException.Validation(localFiles is null
                        ? "Give exactly one of 'source_id' (a stored source) or 'content_base64' (the file's bytes)."
                        : "Give exactly one of 'source_id' (a stored source), 'content_base64' (the bytes) or 'path' (a file inside the allowed folder).");
                }
                var wait = args.Bool("wait") ?? true;
                AddDocumentResult result;
                if (sourceId is not null)
                {
                    result = await call.Services.Documents.AddSourceAsync(call.UserId, project, sourceId, args.String("filename"), wait, ct);
                }
                else
                {
                    await using var content = file.Open(args, call.Services.Options.MaxUploadBytes);
                    result = await call.Services.Documents.AddFileAsync(call.UserId, project, content.Content,
                        content.FileName(args.String("filename")), args.String("mime_type"), wait, ct);
                }
                return OperationResult.Of(result, StrataJson.Wire.AddDocumentResult, created: result.Created);
            })
        {
            Route = HttpRoute.Post("/v1/projects/{project}/documents"),
            AnswersCreated = true,
        };
    }

    public static readonly StrataOperation ListDocuments = new("list_documents", "List a project's documents",
        "A project's documents in the order they were added, with status (uploaded, converting, ingested, conversion_failed), converter, "
        + "block count and error. Give status to see only e.g. the failed ones.",
        OperationTraits.Read,
        [
            ProjectOperations.Project,
            new("status", ParameterType.String, "Only documents in this status: uploaded, converting, ingested or conversion_failed."),
            CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip,
        ],
        () => StrataJson.Wire.DocumentList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Documents.ListAsync(call.UserId, call.Arguments.RequiredString("project"), call.Arguments.String("status"),
                CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.DocumentList))
    {
        Route = HttpRoute.Get("/v1/projects/{project}/documents"),
    };

    public static readonly StrataOperation GetDocument = new("get_document", "Get a document",
        "One document by id: its project, source, status, converter and version, conv_uid, block count and, when its conversion failed, the error.",
        OperationTraits.Read,
        [DocumentId],
        () => StrataJson.Wire.DocumentView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Documents.GetAsync(call.UserId, call.Arguments.RequiredString("document_id"), ct), StrataJson.Wire.DocumentView))
    {
        Route = HttpRoute.Get("/v1/documents/{document_id}"),
    };

    public static readonly StrataOperation DeleteDocument = new("delete_document", "Delete a document",
        "Delete a document: its block runs (with the observations their confirmed values became and the entities nothing else observes), "
        + "its blocks, and its source with the bytes when nothing else uses them (no other document, no run). "
        + "Explicit and final; audited (list_deletions). Answers what it removed, counted by kind.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [DocumentId],
        () => StrataJson.Wire.DeleteResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Deletions.DeleteDocumentAsync(call.UserId, call.Arguments.RequiredString("document_id"), ct), StrataJson.Wire.DeleteResult))
    {
        Route = HttpRoute.Delete("/v1/documents/{document_id}"),
    };

    public static readonly StrataOperation ListBlocks = new("list_blocks", "List a document's blocks",
        "A converted document's blocks in reading order: block_uid (conv_...:index), type, content (Markdown or text), heading path, "
        + "level, attributes, and the locator into the original (text_offset_range start/end in characters; page_box for PDF; element_path for DOCX).",
        OperationTraits.Read,
        [DocumentId, CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal],
        () => StrataJson.Wire.BlockList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Documents.ListBlocksAsync(call.UserId, call.Arguments.RequiredString("document_id"), CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.BlockList))
    {
        Route = HttpRoute.Get("/v1/documents/{document_id}/blocks"),
    };

    public static readonly StrataOperation GetBlock = new("get_block", "Get a block",
        "One block by its block_uid (conv_...:index), with its document, type, content, heading path and locator.",
        OperationTraits.Read,
        [new("block_uid", ParameterType.String, "The block's id (conv_...:index).", Required: true)],
        () => StrataJson.Wire.BlockView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Documents.GetBlockAsync(call.UserId, call.Arguments.RequiredString("block_uid"), ct), StrataJson.Wire.BlockView))
    {
        Route = HttpRoute.Get("/v1/blocks/{block_uid}"),
    };
}
