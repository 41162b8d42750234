using System.Text.RegularExpressions;
using Strata.Core.Errors;

namespace Strata.Core.Runs;

/// <summary>A run's error text starts with the stable error code when a rejected input caused it, so a caller
/// waiting for the run gets the same code the synchronous path used to give.</summary>
public static partial class RunErrors
{
    public const string Timeout = "Timeout - no heartbeat";

    public static string Of(StrataException failure) => $"{failure.Code}: {failure.Message}";

    public static (string Code, string Message)? Parse(string? error)
    {
        if (error is null) return null;
        var match = CodePrefix().Match(error);
        return match.Success ? (match.Groups[1].Value, error[match.Length..]) : null;
    }

    [GeneratedRegex("^([A-Z][A-Z_]+): ")]
    private static partial Regex CodePrefix();
}
