using System.Text.Json;
using Strata.Core.Errors;

namespace Strata.Formats.Json;

/// <summary>Turns a System.Text.Json syntax error into a MALFORMED_CONTENT error with a 1-based position.</summary>
internal static class InvalidJson
{
    public static StrataException At(JsonException exception, long? lineNumber = null)
    {
        var line = lineNumber ?? (exception.LineNumber ?? 0) + 1;
        var column = (exception.BytePositionInLine ?? 0) + 1;
        return StrataException.Malformed($"The JSON is not valid at line {line}, byte {column}: {Reason(exception)}");
    }

    // The framework appends "LineNumber: 0 | BytePositionInLine: 3." in 0-based terms; we state the position ourselves.
    private static string Reason(JsonException exception)
    {
        var message = exception.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix > 0 ? message[..suffix] : message;
    }
}
