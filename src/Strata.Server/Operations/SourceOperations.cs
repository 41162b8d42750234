using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Sources;

namespace Strata.Server.Operations;

/// <summary>Sources and runs: ingest, reinterpret, and the reads about them.</summary>
public static class SourceOperations
{
    public static readonly Parameter FileName = new("filename", ParameterType.String,
        "The original file name; its extension helps detect the type (contacts.vcf, export.csv). Only the last path segment is kept.");

    public static readonly Parameter MimeType = new("mime_type", ParameterType.String,
        "The media type (text/csv, text/vcard, text/calendar, application/json, application/x-ndjson, text/markdown, text/plain). Detected from the file name and bytes when absent.");

    public static readonly Parameter EntityType = new("entity_type", ParameterType.String,
        "Entity type for records that name none, e.g. contact for the rows of a CSV of people.");

    public static readonly Parameter Interpret = new("interpret", ParameterType.Boolean,
        "false stores the source without interpreting it (reinterpret later). Default true.");

    public static readonly Parameter Wait = new("wait", ParameterType.Boolean,
        "true (default) answers once the interpretation has finished, with its entities. false answers at once with the run queued "
        + "(interpretation.status pending and its run_id) while a server worker interprets it; follow it with list_runs.");

    public static readonly Parameter Llm = new("llm", ParameterType.Boolean,
        "true interprets with the configured language model instead of the rules (text, Markdown, HTML, JSON, CSV): entities of your "
        + "registered and built-in types, each value with an evidence quote located in the source. LLM_NOT_CONFIGURED when no model is set up.");

    public static readonly Parameter Model = new("model", ParameterType.String,
        "The model for an LLM run, as provider/model (e.g. anthropic/claude-sonnet-4-5); implies llm. Default: the configured one.");

    public static bool WantsLlm(Arguments arguments) => arguments.Bool("llm") == true || arguments.String("model") is not null;

    /// <summary>The <c>ingest</c> tool: bytes as base64, or — only for a local stdio server — a path inside its allowed root.</summary>
    public static StrataOperation Ingest(AllowedRoot? localFiles)
    {
        var file = new FileArgument(localFiles, "the file");
        var parameters = file.Parameters("The file's bytes, base64-encoded.").ToList();
        parameters.AddRange([FileName, MimeType, EntityType, Interpret, Wait, Llm, Model]);

        return new StrataOperation("ingest", "Ingest a file",
            "Store a file as an immutable source (deduplicated by SHA-256) and interpret it into entities with provenance. "
            + "Reads CSV, JSON, JSON Lines, vCard, iCalendar, Markdown and plain text; other types are stored without interpretation. "
            + "Returns the source id, whether the bytes were already stored (then no new run is made), and the run's entities "
            + "(or, with wait false, the queued run). "
            + (localFiles is null ? "Send the bytes as content_base64." : "Send the bytes as content_base64, or a path inside the allowed folder."),
            new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
            parameters,
            () => StrataJson.Wire.IngestResult,
            async (call, ct) =>
            {
                var args = call.Arguments;
                await using var content = file.Open(args, call.Services.Options.MaxUploadBytes);
                var result = await call.Services.Ingest.IngestAsync(call.UserId,
                    new IngestRequest(content.Content, content.FileName(args.String("filename")), args.String("mime_type"), args.String("entity_type"),
                        args.Bool("interpret") ?? true, args.Bool("wait") ?? true)
                    {
                        Llm = WantsLlm(args),
                        Model = args.String("model"),
                    }, ct);
                return OperationResult.Of(result, StrataJson.Wire.IngestResult, created: !result.Deduplicated);
            })
        {
            AnswersCreated = true,
        };
    }

    public static readonly StrataOperation Reinterpret = new("reinterpret", "Interpret a source again",
        "Interpret a stored source again in a new run (for example with another entity_type). Earlier runs and their "
        + "observations are kept unchanged; corrections keep outranking the new values. Returns the new run's summary.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [
            new("source_id", ParameterType.String, "The source's id (src_...).", Required: true),
            new("entity_type", ParameterType.String, "Entity type to apply; default: the one the last run used."),
            Wait,
            Llm,
            Model,
        ],
        () => StrataJson.Wire.InterpretationOutcome,
        async (call, ct) => OperationResult.Of(
            await call.Services.Ingest.ReinterpretAsync(call.UserId, call.Arguments.RequiredString("source_id"),
                new ReinterpretRequest(call.Arguments.String("entity_type"), call.Arguments.Bool("wait") ?? true)
                {
                    Llm = call.Arguments.Bool("llm") == true,
                    Model = call.Arguments.String("model"),
                }, ct),
            StrataJson.Wire.InterpretationOutcome))
    {
        Route = HttpRoute.Post("/v1/sources/{source_id}/reinterpret"),
    };

    public static readonly StrataOperation ListSources = new("list_sources", "List sources",
        "List your stored sources (files and structured payloads), newest first, with hash, size, type and file name.",
        OperationTraits.Read,
        [CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip],
        () => StrataJson.Wire.SourceList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Sources.ListSourcesAsync(call.UserId, CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.SourceList))
    {
        Route = HttpRoute.Get("/v1/sources"),
    };

    public static readonly StrataOperation GetSource = new("get_source", "Get a source",
        "One stored source by id.",
        OperationTraits.Read,
        [new("source_id", ParameterType.String, "The source's id (src_...).", Required: true)],
        () => StrataJson.Wire.SourceView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Sources.GetSourceAsync(call.UserId, call.Arguments.RequiredString("source_id"), ct),
            StrataJson.Wire.SourceView))
    {
        Route = HttpRoute.Get("/v1/sources/{source_id}"),
        IsTool = false,
    };

    public static readonly StrataOperation GetRun = new("get_run", "Get an interpretation run",
        "One interpretation run by id (the run_id an ingest, reinterpret or structured write answered with): its status "
        + "(pending, running, completed, failed, cancelled), interpreter, config, counters and error. Use it to follow a run queued with wait false. "
        + "An LLM run also has items: counts by status, tokens, cost in USD, and its first failed items with their error and raw output.",
        OperationTraits.Read,
        [new("run_id", ParameterType.String, "The run's id (run_...).", Required: true)],
        () => StrataJson.Wire.RunView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Sources.GetRunAsync(call.UserId, call.Arguments.RequiredString("run_id"), ct),
            StrataJson.Wire.RunView))
    {
        Route = HttpRoute.Get("/v1/runs/{run_id}"),
    };

    public static readonly StrataOperation ListRuns = new("list_runs", "List interpretation runs",
        "List interpretation runs (one per ingest, reinterpret or structured write), newest first, with interpreter, "
        + "config, status and counters. Give source_id to see only one source's runs.",
        OperationTraits.Read,
        [
            new("source_id", ParameterType.String, "Only the runs of this source (src_...)."),
            CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip,
        ],
        () => StrataJson.Wire.RunList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Sources.ListRunsAsync(call.UserId, call.Arguments.String("source_id"), CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.RunList))
    {
        Route = HttpRoute.Get("/v1/runs"),
    };

    public static readonly StrataOperation ListRunItems = new("list_run_items", "List a run's items",
        "The items (units of work) of an LLM run in order: the character range of the source each covers, status (pending, claimed, "
        + "completed, failed), tokens, cost in USD, attempts and calls, and for a failed item its error and the raw model output. "
        + "Give status to see only e.g. the failed ones.",
        OperationTraits.Read,
        [
            new("run_id", ParameterType.String, "The run's id (run_...).", Required: true),
            new("status", ParameterType.String, "Only items in this status: pending, claimed, completed or failed."),
            CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip,
        ],
        () => StrataJson.Wire.RunItemList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Sources.ListRunItemsAsync(call.UserId, call.Arguments.RequiredString("run_id"), call.Arguments.String("status"),
                CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.RunItemList))
    {
        Route = HttpRoute.Get("/v1/runs/{run_id}/items"),
    };

    public static readonly StrataOperation CancelRun = new("cancel_run", "Cancel an interpretation run",
        "Cancel a pending or running run: it becomes cancelled, its model calls in flight stop, and the items a worker held go back "
        + "to pending; what it had already written stays. A run that has already finished answers RUN_NOT_CANCELLABLE and does not change. "
        + "Answers the run as get_run shows it.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: true),
        [new("run_id", ParameterType.String, "The run's id (run_...).", Required: true)],
        () => StrataJson.Wire.RunView,
        async (call, ct) => OperationResult.Of(
            await call.Services.RunCancellation.CancelAsync(call.UserId, call.Arguments.RequiredString("run_id"), ct),
            StrataJson.Wire.RunView))
    {
        Route = HttpRoute.Post("/v1/runs/{run_id}/cancel"),
    };
}
