using System.Text.Json;
using Strata.Core.Errors;
using Strata.Server.Operations;

namespace Strata.Server.Web;

/// <summary>The grid's "all matching": the body's filter (block_type, field, equals, except, dry_run) goes as it is to
/// confirm_matching_values or reject_matching_values, so the page counts first and changes with the same operation.</summary>
internal static class MatchingReview
{
    public static async Task<OperationResult> HandleAsync(PageRequest page)
    {
        var operation = page.Route("action") switch
        {
            "confirm" => MatchingReviewOperations.ConfirmMatchingValues.Name,
            "reject" => MatchingReviewOperations.RejectMatchingValues.Name,
            var other => throw StrataException.Validation($"action must be confirm or reject (got '{other}')."),
        };
        return await page.CallAsync(operation, [("run_id", page.Route("run_id"))], await BodyAsync(page));
    }

    /// <summary>The grid's selection as one undoable step: the body (action, blocks) goes as it is to apply_bulk_change.</summary>
    public static async Task<OperationResult> BulkChangeAsync(PageRequest page) =>
        await page.CallAsync(BulkChangeOperations.ApplyBulkChange.Name, [("run_id", page.Route("run_id"))], await BodyAsync(page));

    /// <summary>The body's properties as the operation's arguments (the run comes from the URL, never the body).</summary>
    private static async Task<List<KeyValuePair<string, JsonElement>>> BodyAsync(PageRequest page)
    {
        using var body = await JsonDocument.ParseAsync(page.Http.Request.Body, cancellationToken: page.Http.RequestAborted);
        if (body.RootElement.ValueKind != JsonValueKind.Object) throw StrataException.Validation("Send the arguments as a JSON object.");
        return body.RootElement.EnumerateObject().Where(p => p.Name != "run_id" && p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => KeyValuePair.Create(p.Name, p.Value.Clone())).ToList();
    }
}
