using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Strata.Server.Operations;

/// <summary>A result record with the wire type info that writes it: the very JSON the CLI prints with <c>--json</c>.</summary>
public sealed record OperationResult(object Value, JsonTypeInfo TypeInfo, bool Created = false)
{
    public static OperationResult Of<T>(T value, JsonTypeInfo<T> typeInfo, bool created = false) where T : notnull =>
        new(value, typeInfo, created);

    public JsonElement ToElement() => JsonSerializer.SerializeToElement(Value, TypeInfo);

    public string ToJson() => JsonSerializer.Serialize(Value, TypeInfo);
}
