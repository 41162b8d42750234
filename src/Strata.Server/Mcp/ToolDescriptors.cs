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
        OutputSchema = ToElement(ResultSchema.For(operation.Result)),
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

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
