using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Strata.Server.Operations;

/// <summary>A result record with the wire type info that writes it: the very JSON the CLI prints with <c>--json</c>.</summary>
public sealed record OperationResult(object Value, JsonTypeInfo TypeInfo, bool Created = false)
{
    public static OperationResult Of<T>(T value, JsonTypeInfo<T> typeInfo, bool created = false) where T : notnull =>
        new(value, typeInfo, created);

    /// <summary>The result as JSON text and as an element, from one serialisation (an MCP tool result carries both).</summary>
    public (string Json, JsonElement Element) ToJsonAndElement()
    {
        var utf8 = JsonSerializer.SerializeToUtf8Bytes(Value, TypeInfo);
        return (Encoding.UTF8.GetString(utf8), JsonElement.Parse(utf8));
    }
}
