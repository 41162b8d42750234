namespace Strata.Server.Operations;

/// <summary>The JSON types an operation argument may take; they map one to one onto JSON Schema types.</summary>
public enum ParameterType
{
    String,
    Integer,
    Boolean,
    Object,
    Array,

    /// <summary>Any JSON value (a correction's value: text, number, list...).</summary>
    Any,
}

/// <summary>
/// One named argument of an operation. The same declaration validates MCP tool arguments, REST query strings and
/// JSON bodies, and produces the tool's JSON Schema, so the three can never disagree about what is accepted.
/// </summary>
public sealed record Parameter(string Name, ParameterType Type, string Description, bool Required = false)
{
    // Bounds are published in the schema; the core enforces them, so every interface reports one message.
    public int? Minimum { get; init; }

    public int? Maximum { get; init; }

    public string? Format { get; init; }

    /// <summary>For arrays: the JSON type of each item.</summary>
    public ParameterType? Items { get; init; }
}
