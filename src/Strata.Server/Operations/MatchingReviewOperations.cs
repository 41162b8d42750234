using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Server.Operations;

/// <summary>Confirm or reject everything matching a filter: the grid's "all matching", for REST, MCP and the CLI too.</summary>
public static class MatchingReviewOperations
{
    private static readonly IReadOnlyList<Parameter> FilterParameters =
    [
        new("run_id", ParameterType.String, "The block run's id (run_...).", Required: true),
        BlockValueQueryParameters.State, BlockValueQueryParameters.BlockType, BlockValueQueryParameters.Field,
        BlockValueQueryParameters.EqualsText, BlockValueQueryParameters.Contains,
        new("except", ParameterType.Array, "Block indexes left out of the matching set.") { Items = ParameterType.Integer },
        new("dry_run", ParameterType.Boolean, "Only count what matches (and, for a reject, the model calls it costs); change nothing."),
    ];

    public static readonly StrataOperation ConfirmMatchingValues = new("confirm_matching_values", "Confirm every staged value matching a filter",
        "Confirms every staged value of a run that matches the filter (list_block_values' filter: state, block type, a field's value; "
        + "minus excluded blocks), each once even "
        + "when two bulk changes overlap. With dry_run, only says how many match. Returns matched, changed, the run's counts after and "
        + "change_id: the step undo_bulk_change takes back.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        FilterParameters,
        () => StrataJson.Wire.MatchingReviewResult,
        (call, ct) => ReviewAsync(call, MatchingAction.Confirm, ct))
    {
        Route = HttpRoute.Post("/v1/block-runs/{run_id}/matching/confirmations"),
    };

    public static readonly StrataOperation RejectMatchingValues = new("reject_matching_values", "Reject every staged value matching a filter",
        "Rejects every staged value of a run that matches the filter: each goes back to pending and the run asks the model again. Call "
        + "with dry_run first: it says how many match and how many model calls the reject will cost, changing nothing. change_id is the "
        + "step undo_bulk_change takes back (while the model has not answered again).",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        FilterParameters,
        () => StrataJson.Wire.MatchingReviewResult,
        (call, ct) => ReviewAsync(call, MatchingAction.Reject, ct))
    {
        Route = HttpRoute.Post("/v1/block-runs/{run_id}/matching/rejections"),
    };

    private static async Task<OperationResult> ReviewAsync(OperationCall call, MatchingAction action, CancellationToken ct)
    {
        var a = call.Arguments;
        // The query list_block_values takes: the grid's filtered rows are exactly what this step changes (their staged ones).
        var filter = new BlockValueFilter(BlockValueQueryParameters.Of(a), Indexes(a.Element("except")));
        var result = await call.Services.Review.ReviewMatchingAsync(call.UserId, a.RequiredString("run_id"), action, filter,
            a.Bool("dry_run") ?? false, ct);
        return OperationResult.Of(result, StrataJson.Wire.MatchingReviewResult);
    }

    private static HashSet<int> Indexes(JsonElement? except)
    {
        var indexes = new HashSet<int>();
        if (except is not { } list) return indexes;
        foreach (var item in list.EnumerateArray())
        {
            indexes.Add(item.TryGetInt32(out var index) && index >= 0 ? index
                : throw StrataException.Validation($"except holds block indexes (got {item.GetRawText()})."));
        }
        return indexes;
    }
}
