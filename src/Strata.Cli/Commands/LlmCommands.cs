using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>models list|default</c> and <c>keys set|list|remove</c>: the LLM setup a user sees and changes.</summary>
internal static class LlmCommands
{
    public static Command Models()
    {
        var list = new Command("list", "The configured providers (kind, base URL, models, whose key a call uses) and the default model a run would use.");
        list.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Models.ListAsync(context.UserId, ct), StrataJson.Wire.ModelsView, HumanText.Of);
            return 0;
        }));
        var model = new Argument<string?>("MODEL") { Description = "provider/model, e.g. anthropic/claude-sonnet-4-5.", Arity = ArgumentArity.ZeroOrOne };
        var clear = new Option<bool>("--clear") { Description = "Clear your default, so the server's applies." };
        var setDefault = new Command("default", "Set your default model (used when neither the request nor the schema names one).") { model, clear };
        setDefault.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var name = parse.GetValue(model);
            if ((name is null) != parse.GetValue(clear)) throw StrataException.Validation("Give a model (provider/model) or --clear, not both and not neither.");
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Models.SetDefaultAsync(context.UserId, name, ct), StrataJson.Wire.ModelsView, HumanText.Of);
            return 0;
        }));
        return new Command("models", "LLM providers and models: which one a run uses and why.") { list, setDefault };
    }

    public static Command Keys()
    {
        var setProvider = new Argument<string>("PROVIDER") { Description = "A configured provider (strata models list shows them)." };
        var set = new Command("set", "Store your API key for a provider, read from standard input (never from the command line, so it stays out of "
            + "shell history and process lists). Encrypted at rest; only its fingerprint is ever shown.") { setProvider };
        set.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var key = await ReadKeyAsync(ct);
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.ProviderKeys.SetAsync(context.UserId, parse.GetValue(setProvider)!, key, ct),
                StrataJson.Wire.ProviderKeyView, HumanText.Of);
            return 0;
        }));
        var list = new Command("list", "The providers you stored a key for, with each key's fingerprint.");
        list.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.ProviderKeys.ListAsync(context.UserId, ct), StrataJson.Wire.ProviderKeyList, HumanText.Of);
            return 0;
        }));
        var removeProvider = new Argument<string>("PROVIDER");
        var remove = new Command("remove", "Delete your stored key for a provider (the server's key, if any, applies again).") { removeProvider };
        remove.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.ProviderKeys.RemoveAsync(context.UserId, parse.GetValue(removeProvider)!, ct),
                StrataJson.Wire.ProviderKeyView, HumanText.Of);
            return 0;
        }));
        return new Command("keys", "Your own API keys for LLM providers (stored encrypted; shown only as fingerprints).") { set, list, remove };
    }

    /// <summary>The key from standard input: one line, with nothing echoed (a terminal hides what is typed; a pipe
    /// is read as is). Only the first line counts, so `echo KEY |` and a file with a trailing newline both work.</summary>
    private static async Task<string> ReadKeyAsync(CancellationToken cancellationToken)
    {
        if (!Console.IsInputRedirected)
        {
            Console.Error.Write("API key (not shown): ");
            var typed = new System.Text.StringBuilder();
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter) break;
                if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
                else typed.Append(key.KeyChar);
            }
            Console.Error.WriteLine();
            return typed.ToString();
        }
        using var reader = new StreamReader(Console.OpenStandardInput());
        return await reader.ReadLineAsync(cancellationToken) ?? "";
    }
}
