using System.Text.Json.Nodes;

namespace Strata.FakeLlm;

/// <summary>A request the fake received, so tests can assert on the wire format.</summary>
public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body was empty.");

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
