namespace Strata.Core.Errors;

/// <summary>
/// A rejected operation. The code is stable and machine-readable; the message is for a person.
/// Thrown before anything is committed, so a rejected input changes nothing.
/// </summary>
public sealed class StrataException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static StrataException Validation(string message) => new(ErrorCodes.ValidationFailed, message);

    public static StrataException Malformed(string message) => new(ErrorCodes.MalformedContent, message);
}
