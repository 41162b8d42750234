using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Server.Operations;

/// <summary>Runs of block schemas over documents and the review of their values.</summary>
public static class ReviewOperations
{
    private static readonly Parameter RunId = new("run_id", ParameterType.String, "The block run's id (run_...).", Required: true);

    private static readonly Parameter BlockIndex = new("block_index", ParameterType.Integer, "The block's index in its document.", Required: true) { Minimum = 0 };

    private static readonly Parameter Model = new("model", ParameterType.String,
        "provider/model for this run (default: the schema's prompt_config model, then your default, then the server's).");

    private static readonly Parameter Version = new("version", ParameterType.Integer, "The schema version (default: the latest).") { Minimum = 1 };

    public static readonly StrataOperation RunBlockSchema = new("run_block_schema", "Run a block schema over a document",
        "Starts a run of a block schema over an ingested document: one item per block, asked of the model by the workers in packs; each "
        + "answer is staged for review. Returns the run with its counts (pending, claimed, staged, confirmed, failed).",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [
            new("document_id", ParameterType.String, "The document (doc_...).", Required: true),
            new("schema_ref", ParameterType.String, "The block schema.", Required: true),
            Version, Model,
        ],
        () => StrataJson.Wire.StartBlockRunResult,
        async (call, ct) =>
        {
            var result = await call.Services.Review.StartRunAsync(call.UserId, call.Arguments.RequiredString("document_id"),
                call.Arguments.RequiredString("schema_ref"), call.Arguments.Int("version"), call.Arguments.String("model"), ct);
            return OperationResult.Of(result, StrataJson.Wire.StartBlockRunResult, created: result.Created);
        })
    {
        Route = HttpRoute.Post("/v1/block-runs"),
        AnswersCreated = true,
    };

    public static readonly StrataOperation GetBlockRun = new("get_block_run", "Get a block run",
        "A block run: its document, schema version, status (pending, running, completed, failed, cancelled) and counts of blocks by state.",
        OperationTraits.Read,
        [RunId],
        () => StrataJson.Wire.BlockRunView,
        async (call, ct) => OperationResult.Of(await call.Services.Review.GetRunAsync(call.UserId, call.Arguments.RequiredString("run_id"), ct),
            StrataJson.Wire.BlockRunView))
    {
        Route = HttpRoute.Get("/v1/block-runs/{run_id}"),
    };

    public static readonly StrataOperation ListBlockRuns = new("list_block_runs", "List block runs",
        "The block runs of a document, of several documents (document_ids) or of a project (give one), oldest first, with their "
        + "counts; a page at a time (limit, cursor). With document_ids, per_document keeps only each document's oldest N runs, so a "
        + "document with many runs cannot crowd out the others. DOCUMENT_NOT_FOUND for a listed id that is not yours.",
        OperationTraits.Read,
        [
            new("document_id", ParameterType.String, "A document (doc_...)."),
            new("document_ids", ParameterType.Array,
                $"Several documents (doc_..., at most {ReviewService.MaxDocumentIds}): their runs in one list. In a query string, comma-separated.")
            {
                Items = ParameterType.String,
            },
            new("per_document", ParameterType.Integer,
                $"With document_ids: only each document's oldest N runs (1-{ReviewService.MaxPerDocument}), numbered by the database.")
            {
                Minimum = 1, Maximum = ReviewService.MaxPerDocument,
            },
            new("project_id", ParameterType.String, "A project (prj_...)."),
            CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip,
        ],
        () => StrataJson.Wire.BlockRunList,
        async (call, ct) => OperationResult.Of(await call.Services.Review.ListRunsAsync(call.UserId, call.Arguments.String("document_id"),
            call.Arguments.String("project_id"), DocumentIds(call.Arguments.Element("document_ids")), call.Arguments.Int("per_document"),
            CommonParameters.PagingOf(call.Arguments), ct), StrataJson.Wire.BlockRunList))
    {
        Route = HttpRoute.Get("/v1/block-runs"),
    };

    public static readonly StrataOperation CancelBlockRun = new("cancel_block_run", "Cancel a block run",
        "Cancels a run that has not finished: blocks being asked go back to pending and no worker takes more. Staged and confirmed values stay.",
        // Destructive as cancel_run is: the work not done is dropped and cannot be taken up again by this run.
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: true),
        [RunId],
        () => StrataJson.Wire.BlockRunView,
        async (call, ct) => OperationResult.Of(await call.Services.Review.CancelRunAsync(call.UserId, call.Arguments.RequiredString("run_id"), ct),
            StrataJson.Wire.BlockRunView))
    {
        Route = HttpRoute.Post("/v1/block-runs/{run_id}/cancel"),
    };

    public static readonly StrataOperation DeleteBlockRun = new("delete_block_run", "Delete a block run",
        "Deletes a block run: its values (staged and confirmed), its items, the observations its confirmed values became, the entities "
        + "nothing else observes any more (others' snapshots are computed again without them), and the run. Says what it removed.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [RunId],
        () => StrataJson.Wire.DeleteBlockRunResult,
        async (call, ct) => OperationResult.Of(await call.Services.Review.DeleteRunAsync(call.UserId, call.Arguments.RequiredString("run_id"), ct),
            StrataJson.Wire.DeleteBlockRunResult))
    {
        Route = HttpRoute.Delete("/v1/block-runs/{run_id}"),
    };

    public static readonly StrataOperation ListBlockValues = new("list_block_values", "List a run's block values",
        "A block run's blocks in order with their state (pending, claimed, staged, confirmed, failed): the value in force, the model's "
        + "answer, who edited and confirmed it, and for a failed block its error and raw output. Filter by state, block type and a "
        + "field's value (equals or contains): the same filter confirm_matching_values and reject_matching_values take. Page by cursor "
        + "or offset; include_total counts the matching blocks.",
        OperationTraits.Read,
        [
            RunId, BlockValueQueryParameters.State, BlockValueQueryParameters.BlockType, BlockValueQueryParameters.Field,
            BlockValueQueryParameters.EqualsText, BlockValueQueryParameters.Contains,
            CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.Offset, CommonParameters.IncludeTotal,
        ],
        () => StrataJson.Wire.BlockValueList,
        async (call, ct) => OperationResult.Of(await call.Services.Review.ListValuesAsync(call.UserId, call.Arguments.RequiredString("run_id"),
            BlockValueQueryParameters.Of(call.Arguments), CommonParameters.PagingOf(call.Arguments), ct), StrataJson.Wire.BlockValueList))
    {
        Route = HttpRoute.Get("/v1/block-runs/{run_id}/values"),
    };

    public static readonly StrataOperation GetBlockValue = new("get_block_value", "Get a block's value",
        "One block's value in a run, with its state.",
        OperationTraits.Read,
        [RunId, BlockIndex],
        () => StrataJson.Wire.BlockValueView,
        async (call, ct) => OperationResult.Of(await call.Services.Review.GetValueAsync(call.UserId, call.Arguments.RequiredString("run_id"),
            call.Arguments.Int("block_index")!.Value, ct), StrataJson.Wire.BlockValueView))
    {
        Route = HttpRoute.Get("/v1/block-runs/{run_id}/values/{block_index}"),
    };

    public static readonly StrataOperation ConfirmBlockValue = new("confirm_block_value", "Confirm a block's value",
        "staged → confirmed (with you and now): the value becomes an accepted observation of the block's entity for this schema.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [RunId, BlockIndex],
        () => StrataJson.Wire.BlockValueView,
        async (call, ct) => OperationResult.Of(await call.Services.Review.ConfirmAsync(call.UserId, call.Arguments.RequiredString("run_id"),
            call.Arguments.Int("block_index")!.Value, ct), StrataJson.Wire.BlockValueView))
    {
        Route = HttpRoute.Post("/v1/block-runs/{run_id}/values/{block_index}/confirm"),
    };

    public static readonly StrataOperation RejectBlockValue = new("reject_block_value", "Reject a block's value",
        "staged → pending: the model's answer is set aside and the run asks again for this block.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [RunId, BlockIndex],
        () => StrataJson.Wire.BlockValueView,
        async (call, ct) => OperationResult.Of(await call.Services.Review.RejectAsync(call.UserId, call.Arguments.RequiredString("run_id"),
            call.Arguments.Int("block_index")!.Value, ct), StrataJson.Wire.BlockValueView))
    {
        Route = HttpRoute.Post("/v1/block-runs/{run_id}/values/{block_index}/reject"),
    };

    public static readonly StrataOperation EditBlockValue = new("edit_block_value", "Edit a block's value",
        "Your value replaces the model's (kept as model_value), recorded as your edit, and is confirmed. value is an object of the schema's fields.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [RunId, BlockIndex, new("value", ParameterType.Object, "The fields, e.g. {\"clause_type\":\"payment\",\"risk\":2}.", Required: true)],
        () => StrataJson.Wire.BlockValueView,
        async (call, ct) => OperationResult.Of(await call.Services.Review.EditAsync(call.UserId, call.Arguments.RequiredString("run_id"),
            call.Arguments.Int("block_index")!.Value, call.Arguments.Element("value")!.Value, ct), StrataJson.Wire.BlockValueView))
    {
        Route = HttpRoute.Put("/v1/block-runs/{run_id}/values/{block_index}"),
    };

    private static readonly Parameter Scope = new("scope", ParameterType.String, "run, document or project.", Required: true);

    private static readonly Parameter ScopeId = new("id", ParameterType.String, "The run's, document's or project's id.", Required: true);

    public static readonly StrataOperation ConfirmAllStaged = new("confirm_all_staged", "Confirm every staged value",
        "Confirms every staged value of a run, a document's runs or a project's runs; returns how many and the counts after.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [Scope, ScopeId],
        () => StrataJson.Wire.BulkReviewResult,
        async (call, ct) => OperationResult.Of(await call.Services.Review.ConfirmAllAsync(call.UserId,
            ReviewService.ParseScope(call.Arguments.RequiredString("scope")), call.Arguments.RequiredString("id"), ct), StrataJson.Wire.BulkReviewResult))
    {
        Route = HttpRoute.Post("/v1/review/confirmations"),
    };

    public static readonly StrataOperation RetryFailedBlocks = new("retry_failed_blocks", "Retry every failed block",
        "Sets every failed block of a run, a document's runs or a project's runs back to pending and queues their runs.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [Scope, ScopeId],
        () => StrataJson.Wire.BulkReviewResult,
        async (call, ct) => OperationResult.Of(await call.Services.Review.RetryFailedAsync(call.UserId,
            ReviewService.ParseScope(call.Arguments.RequiredString("scope")), call.Arguments.RequiredString("id"), ct), StrataJson.Wire.BulkReviewResult))
    {
        Route = HttpRoute.Post("/v1/review/retries"),
    };

    private static readonly Parameter ProjectId = new("project_id", ParameterType.String, "The project (prj_...).", Required: true);

    public static readonly StrataOperation ApplyBlockSchema = new("apply_block_schema", "Run a block schema over a project",
        "Starts a run of the block schema over every ingested document of the project, skipping documents that already have a run of "
        + "that schema version (and documents not ingested yet); lists the runs started and the documents skipped.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [ProjectId, new("schema_ref", ParameterType.String, "The block schema.", Required: true), Version, Model],
        () => StrataJson.Wire.ApplySchemaResult,
        async (call, ct) => OperationResult.Of(await call.Services.Review.ApplySchemaAsync(call.UserId, call.Arguments.RequiredString("project_id"),
            call.Arguments.RequiredString("schema_ref"), call.Arguments.Int("version"), call.Arguments.String("model"), ct), StrataJson.Wire.ApplySchemaResult))
    {
        Route = HttpRoute.Post("/v1/projects/{project_id}/block-runs"),
    };

    public static readonly StrataOperation RunPendingBlocks = new("run_pending_blocks", "Run every pending block of a project",
        "Queues a worker for every run of the project that has pending blocks (after rejects, retries or a cancel).",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [ProjectId],
        () => StrataJson.Wire.BulkReviewResult,
        async (call, ct) => OperationResult.Of(await call.Services.Review.RunPendingAsync(call.UserId, call.Arguments.RequiredString("project_id"), ct),
            StrataJson.Wire.BulkReviewResult))
    {
        Route = HttpRoute.Post("/v1/projects/{project_id}/block-runs/pending"),
    };

    public static readonly StrataOperation GetReviewProgress = new("get_review_progress", "Get a project's review progress",
        "A project's blocks by state (pending, claimed, staged, confirmed, failed), over all its block runs and per document.",
        OperationTraits.Read,
        [ProjectId],
        () => StrataJson.Wire.ProjectProgress,
        async (call, ct) => OperationResult.Of(await call.Services.Review.ProgressAsync(call.UserId, call.Arguments.RequiredString("project_id"), ct),
            StrataJson.Wire.ProjectProgress))
    {
        Route = HttpRoute.Get("/v1/projects/{project_id}/review"),
    };

    private static List<string>? DocumentIds(JsonElement? value) => value?.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
        ? item.GetString()!
        : throw StrataException.Validation("document_ids must be a list of document ids (strings).")).ToList();
}
