using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

internal static class DuplicateCommands
{
    public static Command Duplicates()
    {
        var type = new Option<string?>("--type") { Description = "Only pairs of this entity type." };
        var includeDismissed = new Option<bool>("--include-dismissed") { Description = "Also list pairs marked as not duplicates." };
        var paging = new PagingOptions(byCursor: true);
        var list = new Command("list", "List potential duplicate pairs, most likely first, with how each field agreed (merge with: strata merge).") { type, includeDismissed };
        paging.AddTo(list);
        list.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Duplicates.ListPotentialDuplicatesAsync(context.UserId, parse.GetValue(type),
                parse.GetValue(includeDismissed), paging.From(parse), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.DuplicateList, HumanText.Of);
            return 0;
        }));

        var first = new Argument<string>("ENTITY_A");
        var second = new Argument<string>("ENTITY_B");
        var dismiss = new Command("dismiss", "Mark a pair as not duplicates; later scans never raise it again.") { first, second };
        dismiss.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Duplicates.DismissAsync(context.UserId, parse.GetValue(first)!, parse.GetValue(second)!, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.DuplicateView, HumanText.Of);
            return 0;
        }));

        var scan = new Command("scan", "Compare new and changed entities with those sharing a blocking key now (workers also do this on a schedule).");
        scan.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Duplicates.ScanAsync(context.UserId, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.DuplicateScanResult, HumanText.Of);
            return 0;
        }));
        return new Command("duplicates", "Potential duplicate entities: pairs of one type scored field by field, with the reasons.") { list, dismiss, scan };
    }
}
