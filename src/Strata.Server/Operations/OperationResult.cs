using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Strata.Server.Operations;

/// <summary>A result record with the wire type info that writes it: the very JSON the CLI prints with <c>--json</c>.</summary>
public sealed record OperationResult(object Value, JsonTypeInfo TypeInfo, bool Created = false)
{
    /// <summary>A resource the MCP answer links to beside the record (an export too large to come inline).</summary>
    public ResourceLinkOut? Link { get; init; }

    public static OperationResult Of<T>(T value, JsonTypeInfo<T> typeInfo, bool created = false) where T : notnull =>
        new(value, typeInfo, created);

    /// <summary>The result as JSON text and as an element, from one serialisation (an MCP tool result carries both).</summary>
    public (string Json, JsonElement Element) ToJsonAndElement()
    {
        var utf8 = JsonSerializer.SerializeToUtf8Bytes(Value, TypeInfo);
        return (Encoding.UTF8.GetString(utf8), JsonElement.Parse(utf8));
    }
}

/// <summary>A link to an MCP resource the client reads next: its URI, a name and its media type.</summary>
public sealed record ResourceLinkOut(string Uri, string Name, string MimeType);
