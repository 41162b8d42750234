using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>strata users keys create|list|revoke NAME</c>: API keys for any user, the implicit local one included.</summary>
internal static class UserKeyCommands
{
    public static Command Keys()
    {
        var createName = new Argument<string>("NAME") { Description = "The user (made with users create, --user or as the local user)." };
        var label = new Option<string?>("--label") { Description = "What the key is for, e.g. 'laptop' or 'claude-desktop'." };
        var create = new Command("create", "Issue a new API key for the user (printed once; only its hash is stored).") { createName, label };
        create.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var services = await CliContext.OpenServicesAsync(parse, ct);
            var name = parse.GetValue(createName)!;
            // The local user exists from the first command on, as the README says; a key for it is often that command.
            if (name == CliContext.LocalUser) await services.Users.EnsureAsync(name, ct);
            var result = await services.Users.CreateKeyAsync(name, parse.GetValue(label), ct);
            Printer.Print(parse.GetValue(GlobalOptions.Json), result, StrataJson.Wire.CreatedApiKey, HumanText.Of);
            return 0;
        }));

        var listName = new Argument<string>("NAME");
        var list = new Command("list", "List the user's keys: id, label, created, last used (to the minute), revoked.") { listName };
        list.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var services = await CliContext.OpenServicesAsync(parse, ct);
            Printer.Print(parse.GetValue(GlobalOptions.Json), await services.Users.ListKeysAsync(parse.GetValue(listName)!, ct), StrataJson.Wire.ApiKeyList, HumanText.Of);
            return 0;
        }));

        var revokeName = new Argument<string>("NAME");
        var keyId = new Argument<string>("KEY_ID") { Description = "The key's id (key_…), from users keys list." };
        var revoke = new Command("revoke", "Revoke a key: the server refuses it from the next request on.") { revokeName, keyId };
        revoke.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var services = await CliContext.OpenServicesAsync(parse, ct);
            var result = await services.Users.RevokeKeyAsync(parse.GetValue(revokeName)!, parse.GetValue(keyId)!, ct);
            Printer.Print(parse.GetValue(GlobalOptions.Json), result, StrataJson.Wire.ApiKeyView, HumanText.Of);
            return 0;
        }));
        return new Command("keys", "A user's API keys: several per user, each labelled and revocable.") { create, list, revoke };
    }
}
