using System.Globalization;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Text;

namespace Strata.Server.Operations;

/// <summary>
/// An operation's arguments, checked against its declared parameters: unknown names, wrong types and missing
/// required values are refused with <c>VALIDATION_FAILED</c> before the service is called. A JSON null is an absent
/// argument, except where any JSON value is accepted: there null is a value. JSON arguments (MCP,
/// request bodies) must have the declared JSON type; text arguments (paths, query strings) are converted to it (a list of
/// strings from comma-separated text).
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, object> _values;

    private Arguments(Dictionary<string, object> values) => _values = values;

    public static Arguments Parse(
        IReadOnlyList<Parameter> parameters,
        IEnumerable<KeyValuePair<string, JsonElement>> json,
        IEnumerable<KeyValuePair<string, string>> text)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in text)
        {
            var parameter = Find(parameters, name);
            Add(values, name, FromText(parameter, value));
        }
        foreach (var (name, value) in json)
        {
            var parameter = Find(parameters, name);
            // null means "not given" for typed arguments; for an any-value argument it is the value itself (a
            // correction to null clears the field, as on the CLI).
            if (value.ValueKind == JsonValueKind.Undefined || (value.ValueKind == JsonValueKind.Null && parameter.Type != ParameterType.Any)) continue;
            Add(values, name, FromJson(parameter, value));
        }
        foreach (var parameter in parameters.Where(p => p.Required && !values.ContainsKey(p.Name)))
        {
            throw StrataException.Validation($"'{parameter.Name}' is required: {parameter.Description}");
        }
        return new Arguments(values);
    }

    public string? String(string name) => _values.TryGetValue(name, out var value) ? (string)value : null;

    public string RequiredString(string name) => String(name) ?? throw StrataException.Validation($"'{name}' is required.");

    public int? Int(string name) => _values.TryGetValue(name, out var value) ? (int)value : null;

    public bool? Bool(string name) => _values.TryGetValue(name, out var value) ? (bool)value : null;

    public JsonElement? Element(string name) => _values.TryGetValue(name, out var value) ? (JsonElement)value : null;

    private static Parameter Find(IReadOnlyList<Parameter> parameters, string name) =>
        parameters.FirstOrDefault(p => p.Name == name)
        ?? throw StrataException.Validation(parameters.Count == 0
            ? $"Unknown argument '{name}': this operation takes no arguments."
            : $"Unknown argument '{name}': this operation takes {string.Join(", ", parameters.Select(p => p.Name))}.");

    private static void Add(Dictionary<string, object> values, string name, object value)
    {
        if (!values.TryAdd(name, value))
        {
            throw StrataException.Validation($"'{name}' is given more than once (in the path, the query or the body): give it once.");
        }
    }

    private static object FromJson(Parameter parameter, JsonElement value)
    {
        object? parsed = parameter.Type switch
        {
            ParameterType.String when value.ValueKind == JsonValueKind.String => StorableText.RequireString(value, parameter.Name),
            ParameterType.Integer when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) => number,
            ParameterType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
            ParameterType.Object when value.ValueKind == JsonValueKind.Object => value.Clone(),
            ParameterType.Array when value.ValueKind == JsonValueKind.Array => value.Clone(),
            ParameterType.Any => value.Clone(),
            _ => null,
        };
        return parsed ?? throw WrongType(parameter, value.ValueKind.ToString().ToLowerInvariant());
    }

    private static object FromText(Parameter parameter, string value)
    {
        StorableText.Require(value, parameter.Name);
        object? parsed = parameter.Type switch
        {
            ParameterType.String => value,
            ParameterType.Integer when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            ParameterType.Boolean when bool.TryParse(value, out var flag) => flag,
            ParameterType.Boolean when value is "1" or "0" => value == "1",
            ParameterType.Array when parameter.Items == ParameterType.String => CommaSeparated(value),
            _ => null,
        };
        return parsed ?? throw WrongType(parameter, $"'{value}'");
    }

    /// <summary>A list of strings given as text (a query string, a page's call): comma-separated, as the ids it carries
    /// hold no comma; an empty item is left out.</summary>
    private static JsonElement CommaSeparated(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) writer.WriteStringValue(item);
            writer.WriteEndArray();
        }
        using var list = JsonDocument.Parse(buffer.WrittenMemory);
        return list.RootElement.Clone();
    }

    private static StrataException WrongType(Parameter parameter, string got) =>
        StrataException.Validation($"'{parameter.Name}' must be {Article(parameter.Type)} (got {got}).");

    private static string Article(ParameterType type) => type switch
    {
        ParameterType.String => "a string",
        ParameterType.Integer => "an integer",
        ParameterType.Boolean => "true or false",
        ParameterType.Object => "a JSON object",
        ParameterType.Array => "a JSON array",
        _ => "a JSON value",
    };
}
