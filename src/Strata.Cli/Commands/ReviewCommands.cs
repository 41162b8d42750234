using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Jobs;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Cli.Commands;

/// <summary><c>strata review …</c>: block runs over documents and the review of their values.</summary>
internal static class ReviewCommands
{
    public static Command Review()
    {
        var documentId = new Argument<string>("DOCUMENT_ID");
        var projectId = new Argument<string>("PROJECT_ID");
        var schemaRef = new Argument<string>("SCHEMA_REF");
        var runId = new Argument<string>("RUN_ID");
        var index = new Argument<int>("BLOCK_INDEX");
        var value = new Argument<string>("VALUE") { Description = "The fields as a JSON object (inline, or a path to a file)." };
        var scope = new Argument<string>("SCOPE") { Description = "run, document or project." };
        var scopeId = new Argument<string>("ID") { Description = "The run's, document's or project's id." };
        var version = new Option<int?>("--version") { Description = "The schema version (default: the latest)." };
        var model = new Option<string?>("--model") { Description = "provider/model for this run." };
        var wait = new Option<bool>("--wait") { Description = "Work on the run here until no block is left to ask (no worker needed)." };
        var byDocument = new Option<string?>("--document") { Description = "The runs of this document." };
        var byProject = new Option<string?>("--project") { Description = "The runs of this project." };
        var state = new Option<string?>("--state") { Description = "Only blocks in this state: pending, claimed, staged, confirmed, failed or rejected." };
        var blockType = new Option<string?>("--block-type") { Description = "Only blocks of this type." };
        var field = new Option<string?>("--field") { Description = "Only values whose field (with --equals or --contains)..." };
        var equals = new Option<string?>("--equals") { Description = "...is this text (a number or boolean as written)." };
        var contains = new Option<string?>("--contains") { Description = "...contains this text (ignoring case)." };
        var paging = new PagingOptions(byCursor: true);

        var values = ReviewCommand.Of("values", "List a run's blocks with their state and values.", [runId, state, blockType, field, equals, contains],
            StrataJson.Wire.BlockValueList, ReviewText.Of, (parse, c, ct) => c.Services.Review.ListValuesAsync(c.UserId, parse.GetValue(runId)!,
                new BlockValueQuery(parse.GetValue(state), parse.GetValue(blockType), parse.GetValue(field), parse.GetValue(equals), parse.GetValue(contains)),
                paging.From(parse), ct));
        paging.AddTo(values);
        var runsPaging = new PagingOptions(byCursor: true);
        var byDocuments = new Option<string?>("--documents")
        {
            Description = $"The runs of these documents, comma-separated (at most {ReviewService.MaxDocumentIds}).",
        };
        var perDocument = new Option<int?>("--per-document") { Description = "With --documents: only each document's oldest N runs." };
        var runs = ReviewCommand.Of("runs", "List the block runs of a document, of several documents or of a project.",
            [byDocument, byDocuments, perDocument, byProject], StrataJson.Wire.BlockRunList, ReviewText.Of,
            (parse, c, ct) => c.Services.Review.ListRunsAsync(c.UserId, parse.GetValue(byDocument), parse.GetValue(byProject),
                parse.GetValue(byDocuments)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), parse.GetValue(perDocument),
                runsPaging.From(parse), ct));
        runsPaging.AddTo(runs);

        var review = new Command("review", "Run block schemas over documents; confirm, reject or edit what the model staged.")
        {
            ReviewCommand.Of("run", "Run a block schema over a document (answers are staged for review).", [documentId, schemaRef, version, model, wait],
                StrataJson.Wire.StartBlockRunResult, ReviewText.Of, async (parse, c, ct) =>
                {
                    var started = await c.Services.Review.StartRunAsync(c.UserId, parse.GetValue(documentId)!, parse.GetValue(schemaRef)!,
                        parse.GetValue(version), parse.GetValue(model), ct);
                    if (!parse.GetValue(wait)) return started;
                    await WorkAsync(c, started.Run.RunId, ct);
                    return started with { Run = await c.Services.Review.GetRunAsync(c.UserId, started.Run.RunId, ct) };
                }),
            runs,
            ReviewCommand.Of("show", "Show a block run and its counts.", [runId], StrataJson.Wire.BlockRunView, ReviewText.Of,
                (parse, c, ct) => c.Services.Review.GetRunAsync(c.UserId, parse.GetValue(runId)!, ct)),
            ReviewCommand.Of("cancel", "Cancel a block run.", [runId], StrataJson.Wire.BlockRunView, ReviewText.Of,
                (parse, c, ct) => c.Services.Review.CancelRunAsync(c.UserId, parse.GetValue(runId)!, ct)),
            ReviewCommand.Of("delete", "Delete a block run, its values, the observations its confirmed values became and the entities only they fed.", [runId],
                StrataJson.Wire.DeleteBlockRunResult, ReviewText.Of, (parse, c, ct) => c.Services.Review.DeleteRunAsync(c.UserId, parse.GetValue(runId)!, ct)),
            values,
            ReviewCommand.Of("value", "Show one block's value.", [runId, index], StrataJson.Wire.BlockValueView, ReviewText.Of,
                (parse, c, ct) => c.Services.Review.GetValueAsync(c.UserId, parse.GetValue(runId)!, parse.GetValue(index), ct)),
            ReviewCommand.Of("confirm", "Confirm a staged value.", [runId, index], StrataJson.Wire.BlockValueView, ReviewText.Of,
                (parse, c, ct) => c.Services.Review.ConfirmAsync(c.UserId, parse.GetValue(runId)!, parse.GetValue(index), ct)),
            ReviewCommand.Of("reject", "Reject a staged value (the run asks again).", [runId, index], StrataJson.Wire.BlockValueView, ReviewText.Of,
                (parse, c, ct) => c.Services.Review.RejectAsync(c.UserId, parse.GetValue(runId)!, parse.GetValue(index), ct)),
            ReviewCommand.Of("edit", "Replace a value with yours and confirm it.", [runId, index, value], StrataJson.Wire.BlockValueView, ReviewText.Of,
                async (parse, c, ct) => await c.Services.Review.EditAsync(c.UserId, parse.GetValue(runId)!, parse.GetValue(index),
                    await ReviewCommand.JsonArgumentAsync(parse.GetValue(value)!, ct), ct)),
            ReviewCommand.Of("confirm-all", "Confirm every staged value of a run, document or project.", [scope, scopeId], StrataJson.Wire.BulkReviewResult,
                ReviewText.Of, (parse, c, ct) => c.Services.Review.ConfirmAllAsync(c.UserId, ReviewService.ParseScope(parse.GetValue(scope)!), parse.GetValue(scopeId)!, ct)),
            ReviewCommand.Of("retry-failed", "Ask again for every failed block of a run, document or project.", [scope, scopeId], StrataJson.Wire.BulkReviewResult,
                ReviewText.Of, (parse, c, ct) => c.Services.Review.RetryFailedAsync(c.UserId, ReviewService.ParseScope(parse.GetValue(scope)!), parse.GetValue(scopeId)!, ct)),
            ReviewCommand.Of("apply", "Run a block schema over every ingested document of a project.", [projectId, schemaRef, version, model],
                StrataJson.Wire.ApplySchemaResult, ReviewText.Of, (parse, c, ct) => c.Services.Review.ApplySchemaAsync(c.UserId, parse.GetValue(projectId)!,
                    parse.GetValue(schemaRef)!, parse.GetValue(version), parse.GetValue(model), ct)),
            ReviewCommand.Of("run-pending", "Queue every run of a project that has pending blocks.", [projectId], StrataJson.Wire.BulkReviewResult, ReviewText.Of,
                (parse, c, ct) => c.Services.Review.RunPendingAsync(c.UserId, parse.GetValue(projectId)!, ct)),
            ReviewCommand.Of("progress", "A project's blocks by state, per document and in all.", [projectId], StrataJson.Wire.ProjectProgress, ReviewText.Of,
                (parse, c, ct) => c.Services.Review.ProgressAsync(c.UserId, parse.GetValue(projectId)!, ct)),
        };
        foreach (var matching in MatchingReviewCommands.Commands()) review.Subcommands.Add(matching);
        foreach (var change in BulkChangeCommands.Commands()) review.Subcommands.Add(change);
        return review;
    }

    /// <summary>Runs the run's queued jobs in this process until none is due, under the caller's lease
    /// (<c>Worker:CallerLeaseDuration</c>) as every waiting command does: killed, its job is taken back within seconds.</summary>
    private static async Task WorkAsync(CliContext context, string runId, CancellationToken cancellationToken)
    {
        var claim = new JobClaim($"cli:{Environment.ProcessId}", [BlockRunJobHandler.Kind], context.Services.Options.Worker.CallerLeaseDuration) { Subject = runId };
        while (await context.Services.Jobs.RunNextAsync(claim, cancellationToken))
        {
        }
    }
}
