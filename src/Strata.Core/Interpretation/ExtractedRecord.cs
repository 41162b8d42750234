using System.Text.Json;

namespace Strata.Core.Interpretation;

/// <summary>
/// One entity's worth of values read from a source by a format reader, before any schema is applied.
/// </summary>
/// <param name="EntityType">The type the content names (e.g. a JSON <c>entity_type</c> or a CSV column); null when it names none.</param>
/// <param name="Fields">Field name to value, as found. Readers never coerce types: the schema does.</param>
/// <param name="Locator">Where in the source the record came from, e.g. <c>row:3</c>, <c>line:7</c>, <c>index:0</c>, <c>vcard:2</c>.</param>
public sealed record ExtractedRecord(string? EntityType, IReadOnlyDictionary<string, JsonElement> Fields, string Locator)
{
    /// <summary>Fields whose value was longer than the value limit: left out of <see cref="Fields"/>, reported on the run.</summary>
    public IReadOnlyList<TooLongValue> TooLong { get; init; } = [];
}

/// <summary>A value not kept because it is longer than the limit; <paramref name="Bytes"/> is its length as found.</summary>
public sealed record TooLongValue(string Field, long Bytes);
