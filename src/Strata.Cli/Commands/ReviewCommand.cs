using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Strata.Cli.Output;
using Strata.Core.Errors;

namespace Strata.Cli.Commands;

/// <summary>Builds a command that calls one service method and prints its result record (JSON or text).</summary>
internal static class ReviewCommand
{
    public static Command Of<T>(string name, string description, IEnumerable<Symbol> symbols, JsonTypeInfo<T> type, Func<T, string> human,
        Func<ParseResult, CliContext, CancellationToken, Task<T>> call)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Arguments.Add(argument); break;
                case Option option: command.Options.Add(option); break;
            }
        }
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await call(parse, context, ct), type, r => human(r) + Environment.NewLine);
            return 0;
        }));
        return command;
    }

    /// <summary>A JSON object from a file path, or given inline when it starts with '{'.</summary>
    public static async Task<JsonElement> JsonArgumentAsync(string text, CancellationToken cancellationToken)
    {
        var json = text.TrimStart().StartsWith('{') ? text
            : File.Exists(text) ? await File.ReadAllTextAsync(text, cancellationToken)
            : throw StrataException.Validation($"No file at {text} (give a path or an inline JSON object).");
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException failure)
        {
            throw StrataException.Malformed($"Not valid JSON: {failure.Message}");
        }
    }
}
