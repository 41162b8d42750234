using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Cli.Output;

/// <summary>Prints a result as JSON (<c>--json</c>) or as text for people, and errors with their stable code.</summary>
internal static class Printer
{
    public static void Print<T>(bool json, T result, JsonTypeInfo<T> type, Func<T, string> human)
    {
        Console.Out.Write(json ? JsonSerializer.Serialize(result, type) + Environment.NewLine : TerminalText.Safe(human(result), keepNewLines: true));
    }

    public static int Error(bool json, string code, string message)
    {
        if (json)
        {
            Console.Error.WriteLine(JsonSerializer.Serialize(new ErrorEnvelope(new ErrorBody(code, message)), StrataJson.Wire.ErrorEnvelope));
        }
        else
        {
            Console.Error.WriteLine(TerminalText.Safe($"error {code}: {message}"));
        }
        return 1;
    }

    /// <summary>Notes on stderr an entry of a folder that was left out, and why (a record with <c>--json</c>).</summary>
    public static void Skipped(bool json, string path, string reason)
    {
        Console.Error.WriteLine(json
            ? JsonSerializer.Serialize(new SkippedEntry(new SkippedBody(path, reason)), CliJson.Default.SkippedEntry)
            : TerminalText.Safe($"skipped {path}: {reason}"));
    }

    /// <summary>Runs a command body, turning a rejected operation into exit code 1 and its error, and any other
    /// failure (a locked or damaged database, a disk error) into one line with a code: never a stack trace.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<Task<int>> body)
    {
        var json = parse.GetValue(GlobalOptions.Json);
        try
        {
            return await body();
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (code, message) = Failures.Describe(failure);
            return Error(json, code, message);
        }
    }
}
