using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>webhooks</c> (list; add URL --events …; remove ID; deliveries [ID]).</summary>
internal static class WebhookCommands
{
    public static Command Webhooks()
    {
        var command = new Command("webhooks", "List your webhooks (webhooks add URL --events E1,E2; remove ID; deliveries [ID]).")
        {
            Add(), Remove(), Deliveries(),
        };
        command.Subcommands.Add(List());
        command.SetAction((parse, ct) => ListAsync(parse, ct));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List your webhooks: URL and events (never the secret).");
        command.SetAction((parse, ct) => ListAsync(parse, ct));
        return command;
    }

    private static Task<int> ListAsync(ParseResult parse, CancellationToken ct) => Printer.RunAsync(parse, ct, async () =>
    {
        var context = await CliContext.OpenAsync(parse, ct);
        Printer.Print(context.Json, await context.Services.Webhooks.ListAsync(context.UserId, ct), StrataJson.Wire.WebhookList, WebhookText.Of);
        return 0;
    });

    private static Command Add()
    {
        var url = new Argument<string>("URL") { Description = "The receiver's http or https URL (public addresses only)." };
        var events = new Option<string>("--events")
        {
            Description = "Comma-separated: run.completed, run.confirmed, import.completed, export.ready.",
            Required = true,
        };
        var command = new Command("add", "Subscribe a URL to events; prints the signing secret once.") { url, events };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var created = await context.Services.Webhooks.AddAsync(context.UserId, parse.GetValue(url)!, [parse.GetValue(events)!], ct);
            Printer.Print(context.Json, created, StrataJson.Wire.WebhookCreated, WebhookText.Of);
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("ID") { Description = "The webhook's id (whk_...)." };
        var command = new Command("remove", "Remove a webhook; its waiting deliveries fail instead of being sent.") { id };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Webhooks.RemoveAsync(context.UserId, parse.GetValue(id)!, ct), StrataJson.Wire.WebhookRemoved,
                r => $"removed webhook {r.WebhookId}\n");
            return 0;
        }));
        return command;
    }

    private static Command Deliveries()
    {
        var id = new Argument<string?>("ID") { Description = "Only this webhook's deliveries (whk_...).", Arity = ArgumentArity.ZeroOrOne };
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("deliveries", "The newest deliveries first: event, status, attempts, last status code and error.") { id };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Webhooks.DeliveriesAsync(context.UserId, parse.GetValue(id), paging.From(parse), ct),
                StrataJson.Wire.WebhookDeliveryList, WebhookText.Of);
            return 0;
        }));
        return command;
    }
}
