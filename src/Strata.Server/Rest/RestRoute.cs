using System.Text.Json;
using Strata.Server.Operations;

namespace Strata.Server.Rest;

/// <summary>Where a route's arguments come from besides its path: the query string (reads) or a JSON body (writes).</summary>
public enum ArgumentSource
{
    Query,
    Body,
}

/// <summary>A REST endpoint bound to an operation. Path parameters carry the operation's argument names.</summary>
/// <param name="ShapeBody">Rewrites a body before its fields are read, for a route that also accepts a bare object.</param>
public sealed record RestRoute(
    string Method,
    string Pattern,
    StrataOperation Operation,
    ArgumentSource Source,
    Func<JsonElement, IEnumerable<KeyValuePair<string, JsonElement>>>? ShapeBody = null)
{
    public IReadOnlyList<string> PathParameters { get; } =
        Pattern.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')).ToList();
}
