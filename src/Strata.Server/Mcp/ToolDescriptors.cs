using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Strata.Server.Operations;

namespace Strata.Server.Mcp;

/// <summary>An operation as an MCP tool: name, description, input and output schema, and its true annotations.</summary>
internal static class ToolDescriptors
{
    public static Tool Describe(StrataOperation operation) => new()
    {
        Name = operation.Name,
        Title = operation.Title,
        Description = operation.Description,
        InputSchema = ToElement(ParameterSchema.ForObject(operation.Parameters)),
        OutputSchema = ToElement(OutputSchema(operation)),
        Annotations = new ToolAnnotations
        {
            Title = operation.Title,
            ReadOnlyHint = operation.Traits.ReadOnly,
            DestructiveHint = operation.Traits.Destructive,
            IdempotentHint = operation.Traits.Idempotent,
            // Strata acts on its own store only; no tool reaches the outside world.
            OpenWorldHint = false,
        },
    };

    /// <summary>
    /// The result record's schema, which must also admit the <c>{code, message}</c> of an error result: clients
    /// validate structured content against it whether or not isError is set. The alternatives sit at the root so any
    /// JSON pointer inside the record's schema stays valid.
    /// </summary>
    private static JsonObject OutputSchema(StrataOperation operation)
    {
        var schema = ResultSchema.For(operation.Result).AsObject();
        var required = schema["required"]?.DeepClone() ?? new JsonArray();
        schema.Remove("required");
        if (schema["properties"] is not JsonObject properties)
        {
            properties = new JsonObject();
            schema["properties"] = properties;
        }
        properties["code"] = new JsonObject { ["type"] = "string", ["description"] = "When isError is true: the stable error code, e.g. ENTITY_NOT_FOUND." };
        properties["message"] = new JsonObject { ["type"] = "string", ["description"] = "When isError is true: what went wrong and what to change." };
        schema["anyOf"] = new JsonArray(
            new JsonObject { ["required"] = required },
            new JsonObject { ["required"] = new JsonArray("code", "message") });
        schema["description"] = $"The {operation.Name} result record (the JSON the CLI prints with --json); when isError is true, {{code, message}}.";
        return schema;
    }

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
