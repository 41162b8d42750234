using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Cli.Commands;

/// <summary><c>strata review bulk-change RUN_ID confirm|reject BLOCK...</c> and <c>strata review undo CHANGE_ID</c>: a selection's
/// review as one undoable step.</summary>
internal static class BulkChangeCommands
{
    public static IEnumerable<Command> Commands()
    {
        var runId = new Argument<string>("RUN_ID");
        var action = new Argument<string>("ACTION") { Description = "confirm or reject." };
        var blocks = new Argument<int[]>("BLOCK") { Description = "The block indexes to change.", Arity = ArgumentArity.OneOrMore };
        yield return ReviewCommand.Of("bulk-change", "Confirm or reject the given blocks as one step (undo it with review undo).",
            [runId, action, blocks], StrataJson.Wire.BulkChangeResult, ReviewText.Of,
            (parse, c, ct) => c.Services.Review.ApplyBulkChangeAsync(c.UserId, parse.GetValue(runId)!, ReviewService.ParseAction(parse.GetValue(action)!),
                parse.GetValue(blocks) ?? [], ct));
        var changeId = new Argument<string>("CHANGE_ID");
        yield return ReviewCommand.Of("undo", "Undo a bulk change: its blocks go back to staged where nothing changed them since.",
            [changeId], StrataJson.Wire.UndoBulkChangeResult, ReviewText.Of,
            (parse, c, ct) => c.Services.Review.UndoBulkChangeAsync(c.UserId, parse.GetValue(changeId)!, ct));
    }
}
