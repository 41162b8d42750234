using System.Text.Json;

namespace Strata.Server.Operations;

/// <summary>Where a route's arguments come from besides its path: the query string (reads) or a JSON body (writes).</summary>
public enum ArgumentSource
{
    Query,
    Body,
}

/// <summary>
/// The REST endpoint of an operation, declared on the operation itself (as the MCP SDK declares a tool's routing on
/// the tool): path parameters carry the operation's argument names; GET and DELETE read the query string, the other
/// methods a JSON body.
/// </summary>
public sealed record HttpRoute(string Method, string Pattern)
{
    public ArgumentSource Source => Method is "GET" or "DELETE" ? ArgumentSource.Query : ArgumentSource.Body;

    /// <summary>Rewrites a body before its fields are read, for a route that also accepts a bare object.</summary>
    public Func<JsonElement, IEnumerable<KeyValuePair<string, JsonElement>>>? ShapeBody { get; init; }

    public IReadOnlyList<string> PathParameters { get; } =
        Pattern.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')).ToList();

    public static HttpRoute Get(string pattern) => new("GET", pattern);

    public static HttpRoute Post(string pattern) => new("POST", pattern);

    public static HttpRoute Put(string pattern) => new("PUT", pattern);

    public static HttpRoute Patch(string pattern) => new("PATCH", pattern);

    public static HttpRoute Delete(string pattern) => new("DELETE", pattern);

    /// <summary>A write whose body is <c>{"&lt;field&gt;": {...}, ...}</c> as the MCP tool takes it, or the bare object that field holds.</summary>
    public static HttpRoute PostWrapping(string pattern, string field) => Post(pattern) with
    {
        ShapeBody = body => body.TryGetProperty(field, out _)
            ? body.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value))
            : [KeyValuePair.Create(field, body)],
    };
}
