using System.Text.Json.Nodes;

namespace Strata.Server.Operations;

/// <summary>JSON Schema for an operation's arguments: the MCP tool's input schema and the OpenAPI request shapes.</summary>
public static class ParameterSchema
{
    public static JsonObject ForObject(IReadOnlyList<Parameter> parameters)
    {
        var properties = new JsonObject();
        foreach (var parameter in parameters)
        {
            properties[parameter.Name] = For(parameter);
        }
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = parameters.Where(p => p.Required).Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }
        return schema;
    }

    public static JsonObject For(Parameter parameter)
    {
        var schema = new JsonObject();
        if (TypeName(parameter.Type) is { } type)
        {
            schema["type"] = type;
        }
        if (parameter.Items is { } items && TypeName(items) is { } itemType)
        {
            schema["items"] = new JsonObject { ["type"] = itemType };
        }
        if (parameter.Format is not null) schema["format"] = parameter.Format;
        if (parameter.Minimum is not null) schema["minimum"] = parameter.Minimum;
        if (parameter.Maximum is not null) schema["maximum"] = parameter.Maximum;
        schema["description"] = parameter.Description;
        return schema;
    }

    public static string? TypeName(ParameterType type) => type switch
    {
        ParameterType.String => "string",
        ParameterType.Integer => "integer",
        ParameterType.Boolean => "boolean",
        ParameterType.Object => "object",
        ParameterType.Array => "array",
        _ => null,
    };
}
