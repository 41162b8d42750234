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
        Console.Out.Write(json ? JsonSerializer.Serialize(result, type) + Environment.NewLine : human(result));
    }

    public static int Error(bool json, string code, string message)
    {
        if (json)
        {
            Console.Error.WriteLine(JsonSerializer.Serialize(new ErrorEnvelope(new ErrorBody(code, message)), StrataJson.Wire.ErrorEnvelope));
        }
        else
        {
            Console.Error.WriteLine($"error {code}: {message}");
        }
        return 1;
    }

    /// <summary>Runs a command body, turning a rejected operation into exit code 1 and its error.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<Task<int>> body)
    {
        var json = parse.GetValue(GlobalOptions.Json);
        try
        {
            return await body();
        }
        catch (StrataException failure)
        {
            return Error(json, failure.Code, failure.Message);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return Error(json, ErrorCodes.ValidationFailed, failure.Message);
        }
    }
}
