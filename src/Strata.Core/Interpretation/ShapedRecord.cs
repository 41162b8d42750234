using System.Text.Json;
using Strata.Core.Entities.Identity;

namespace Strata.Core.Interpretation;

/// <summary>A record with a schema applied: its entity type and name, its declared values, and what did not fit.</summary>
public sealed record ShapedRecord(
    string EntityType,
    string CanonicalName,
    string NormalizedName,
    IReadOnlyDictionary<string, JsonElement> Fields,
    IReadOnlyList<UnknownField> Unknown,
    string Locator)
{
    /// <summary>Values left out for their length: reported on the run, never kept.</summary>
    public IReadOnlyList<TooLongValue> TooLong { get; init; } = [];

    /// <summary>Who the record says it is (its identity keys): what resolves it to an entity.</summary>
    public required RecordIdentity Identity { get; init; }
}

/// <summary>A value that stays out of snapshots: the schema does not declare the field, or the value is of the wrong type.</summary>
public sealed record UnknownField(string Field, JsonElement Value, string Reason);
