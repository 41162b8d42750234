using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Server.Operations;

/// <summary>A selection's confirm or reject as one undoable step, and its undo: the grid's Undo, for REST, MCP and the CLI too.</summary>
public static class BulkChangeOperations
{
    public static readonly StrataOperation ApplyBulkChange = new("apply_bulk_change", "Confirm or reject a selection of blocks as one undoable step",
        "Confirms or rejects the given blocks of a run in one transaction (all or nothing), recorded as one step whose change_id "
        + "undo_bulk_change takes back. Blocks not staged are left as they were and listed as unchanged. A reject asks the model again "
        + "(model_calls says how many calls). action edit with value replaces one staged block's value and confirms it, undoably.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [
            new("run_id", ParameterType.String, "The block run's id (run_...).", Required: true),
            new("action", ParameterType.String, "confirm, reject, or edit (one block, with value).", Required: true),
            new("blocks", ParameterType.Array, $"The block indexes to change (at most {ReviewService.MaxBulkChangeBlocks}).", Required: true)
                { Items = ParameterType.Integer },
            new("value", ParameterType.Object, "An edit's fields, e.g. {\"risk\":2}: they replace the staged value and are confirmed."),
            new("include_counts", ParameterType.Boolean, "Count the run's blocks after (default true); false answers counts: null, "
                + "and the step costs the same whatever the run's size."),
        ],
        () => StrataJson.Wire.BulkChangeResult,
        async (call, ct) =>
        {
            var a = call.Arguments;
            var result = await call.Services.Review.ApplyBulkChangeAsync(call.UserId, a.RequiredString("run_id"),
                ReviewService.ParseStepAction(a.RequiredString("action")), Indexes(a.Element("blocks")), ct, a.Element("value"),
                a.Bool("include_counts") ?? true);
            return OperationResult.Of(result, StrataJson.Wire.BulkChangeResult);
        })
    {
        Route = HttpRoute.Post("/v1/block-runs/{run_id}/bulk-changes"),
    };

    public static readonly StrataOperation UndoBulkChange = new("undo_bulk_change", "Undo a bulk change",
        "Takes back one apply_bulk_change, in one transaction: its confirmed blocks go back to staged (their observations are removed "
        + "and the entities' snapshots computed again), its rejected blocks get their value back while the model has not answered again. "
        + "Blocks changed since are left and listed. A change is undone once (REVIEW_STATE_CONFLICT after).",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [new("change_id", ParameterType.String, "The bulk change's id (bch_...), from apply_bulk_change.", Required: true)],
        () => StrataJson.Wire.UndoBulkChangeResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Review.UndoBulkChangeAsync(call.UserId, call.Arguments.RequiredString("change_id"), ct), StrataJson.Wire.UndoBulkChangeResult))
    {
        Route = HttpRoute.Post("/v1/bulk-changes/{change_id}/undo"),
    };

    private static List<int> Indexes(JsonElement? blocks)
    {
        if (blocks is not { ValueKind: JsonValueKind.Array } list) throw StrataException.Validation("blocks is a list of block indexes.");
        return list.EnumerateArray().Select(item => item.TryGetInt32(out var index) && index >= 0 ? index
            : throw StrataException.Validation($"blocks holds block indexes (got {item.GetRawText()}).")).ToList();
    }
}
