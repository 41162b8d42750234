using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Cli.Commands;

/// <summary><c>strata review bulk-change RUN_ID confirm|reject BLOCK...</c> (or <c>edit BLOCK --value JSON</c>) and
/// <c>strata review undo CHANGE_ID</c>: a selection's review, or one block's edit, as one undoable step.</summary>
internal static class BulkChangeCommands
{
    public static IEnumerable<Command> Commands()
    {
        var runId = new Argument<string>("RUN_ID");
        var action = new Argument<string>("ACTION") { Description = "confirm, reject or edit (one block, with --value)." };
        var blocks = new Argument<int[]>("BLOCK") { Description = "The block indexes to change.", Arity = ArgumentArity.OneOrMore };
        var value = new Option<string?>("--value") { Description = "An edit's fields as JSON, e.g. '{\"risk\":2}'." };
        yield return ReviewCommand.Of("bulk-change", "Confirm, reject or edit the given blocks as one step (undo it with review undo).",
            [runId, action, blocks, value], StrataJson.Wire.BulkChangeResult, ReviewText.Of,
            async (parse, c, ct) => await c.Services.Review.ApplyBulkChangeAsync(c.UserId, parse.GetValue(runId)!,
                ReviewService.ParseStepAction(parse.GetValue(action)!), parse.GetValue(blocks) ?? [], ct,
                parse.GetValue(value) is { } json ? await ReviewCommand.JsonArgumentAsync(json, ct) : null));
        var changeId = new Argument<string>("CHANGE_ID");
        yield return ReviewCommand.Of("undo", "Undo a bulk change: its blocks go back to staged where nothing changed them since.",
            [changeId], StrataJson.Wire.UndoBulkChangeResult, ReviewText.Of,
            (parse, c, ct) => c.Services.Review.UndoBulkChangeAsync(c.UserId, parse.GetValue(changeId)!, ct));
    }
}
