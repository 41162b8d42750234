using System.Text.Json;
using Strata.Core.Llm.Calls;

namespace Strata.Llm.Parsing;

/// <summary>The outcome of <see cref="TolerantJson.Parse"/>: an object and how it was found, or why not.</summary>
public sealed record TolerantParse(JsonElement? Value, JsonTolerance Tolerance, string? Error)
{
    public static TolerantParse Success(JsonElement value, JsonTolerance tolerance) => new(value, tolerance, null);

    public static TolerantParse Failure(string error) => new(null, JsonTolerance.None, error);
}
