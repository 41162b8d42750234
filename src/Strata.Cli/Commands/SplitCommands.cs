using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Entities.Splits;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>strata entities split | unmerge | reresolve</c>: taking apart what was wrongly put together.</summary>
internal static class SplitCommands
{
    public static Command Split()
    {
        var entity = new Argument<string>("ENTITY_ID");
        var observations = new Option<string[]>("--observation") { Description = "An observation to move (obs_...); repeat for more." };
        var sources = new Option<string[]>("--source") { Description = "Move every observation from this source (src_...); repeat for more." };
        var runs = new Option<string[]>("--run") { Description = "Move every observation from this run (run_...); repeat for more." };
        var reason = new Option<string?>("--reason") { Description = "Why: kept in the split record." };
        var command = new Command("split", "Move some of an entity's observations to an entity of their own.") { entity, observations, sources, runs, reason };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Splits.SplitAsync(context.UserId, parse.GetValue(entity)!,
                new SplitSelection(parse.GetValue(observations), parse.GetValue(sources), parse.GetValue(runs)), parse.GetValue(reason), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.SplitResult, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Unmerge()
    {
        var merge = new Argument<string>("MERGE_ID") { Description = "The merge to undo (mrg_..., printed by strata merge)." };
        var reason = new Option<string?>("--reason") { Description = "Why: kept in the split record." };
        var command = new Command("unmerge", "Undo a merge: what it brought goes back to the merged entity.") { merge, reason };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Splits.UnmergeAsync(context.UserId, parse.GetValue(merge)!, parse.GetValue(reason), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.SplitResult, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Reresolve()
    {
        var type = new Option<string?>("--type") { Description = "Only entities of this type." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the moves without making them." };
        var command = new Command("reresolve", "Re-derive identities after a schema's identity keys changed (splits and merges, audited).") { type, dryRun };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Reresolution.ReresolveAsync(context.UserId, parse.GetValue(type), parse.GetValue(dryRun), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ReresolveResult, HumanText.Of);
            return 0;
        }));
        return command;
    }
}
