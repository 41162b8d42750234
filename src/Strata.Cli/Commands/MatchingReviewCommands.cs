using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Cli.Commands;

/// <summary><c>strata review confirm-matching|reject-matching RUN_ID</c>: a bulk review of the staged values a filter matches.</summary>
internal static class MatchingReviewCommands
{
    public static IEnumerable<Command> Commands()
    {
        yield return Of("confirm-matching", "Confirm every staged value of a run matching the filter.", MatchingAction.Confirm);
        yield return Of("reject-matching", "Reject every staged value of a run matching the filter (try --dry-run first: it says the model calls).",
            MatchingAction.Reject);
    }

    private static Command Of(string name, string description, MatchingAction action)
    {
        var runId = new Argument<string>("RUN_ID");
        var blockType = new Option<string?>("--block-type") { Description = "Only blocks of this type." };
        var field = new Option<string?>("--field") { Description = "Only values whose field (with --equals)..." };
        var equals = new Option<string?>("--equals") { Description = "...is this text (a number or boolean as written)." };
        var contains = new Option<string?>("--contains") { Description = "...contains this text (ignoring case)." };
        var except = new Option<int[]>("--except") { Description = "Block indexes left out (repeat the option).", AllowMultipleArgumentsPerToken = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count what matches and the model calls; change nothing." };
        return ReviewCommand.Of(name, description, [runId, blockType, field, equals, contains, except, dryRun], StrataJson.Wire.MatchingReviewResult,
            ReviewText.Of, (parse, c, ct) => c.Services.Review.ReviewMatchingAsync(c.UserId, parse.GetValue(runId)!, action,
                new BlockValueFilter(parse.GetValue(blockType), parse.GetValue(field), parse.GetValue(equals), (parse.GetValue(except) ?? []).ToHashSet(),
                    parse.GetValue(contains)),
                parse.GetValue(dryRun), ct));
    }
}
