using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Strata.Server.Operations;

/// <summary>The JSON Schema of a result record, derived from the same type info that writes it.</summary>
public static class ResultSchema
{
    private static readonly JsonSchemaExporterOptions Options = new()
    {
        TreatNullObliviousAsNonNullable = true,
        // "Any JSON" (a JsonElement) is exported as the schema `true`; some clients accept only object schemas, and
        // `{}` means the same.
        TransformSchemaNode = (_, node) => node is JsonValue value && value.TryGetValue<bool>(out var any) && any ? new JsonObject() : node,
    };

    public static JsonNode For(JsonTypeInfo result) => result.GetJsonSchemaAsNode(Options);
}
