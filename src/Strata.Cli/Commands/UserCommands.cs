using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

internal static class UserCommands
{
    public static Command Users()
    {
        var name = new Argument<string>("NAME");
        var plan = new Option<string?>("--plan") { Description = "free (default), pro or enterprise." };
        var create = new Command("create", "Create a user with an API key (printed once; only its hash is stored).") { name, plan };
        create.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var services = await CliContext.OpenServicesAsync(parse, ct);
            var result = await services.Users.CreateAsync(parse.GetValue(name)!, parse.GetValue(plan), ct);
            Printer.Print(parse.GetValue(GlobalOptions.Json), result, StrataJson.Wire.CreatedUser, HumanText.Of);
            return 0;
        }));

        var list = new Command("list", "List users.");
        list.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var services = await CliContext.OpenServicesAsync(parse, ct);
            Printer.Print(parse.GetValue(GlobalOptions.Json), await services.Users.ListAsync(ct), StrataJson.Wire.UserList, HumanText.Of);
            return 0;
        }));
        return new Command("users", "Users and API keys.") { create, list, UserKeyCommands.Keys() };
    }
}
