using System.Text.Json.Serialization;

namespace Strata.Core.Schemas;

/// <summary>One declared field of a schema.</summary>
/// <param name="Type">One of <see cref="FieldTypes"/>.</param>
/// <param name="Values">The allowed values of an <c>enum</c> field.</param>
/// <param name="Policy">How the reducer picks the field's value; one of <see cref="MergePolicies"/>, default <c>highest_priority</c>.</param>
/// <param name="Timeline">Whether the field's value (a date or datetime) is an event on the timeline.</param>
/// <param name="Aliases">Other names a record may give this field (<c>surname</c> for <c>family_name</c>), as field
/// names after a CSV header is normalised. A record's value under an alias is stored under the field's own name,
/// unless the record also has the field itself. Not written when absent, so a schema without aliases keeps its uid.</param>
/// <param name="Exact">Identity compares the value exactly as written (no trimming, case, accent or punctuation folding):
/// the memory server profile's names, where "Ada" and "ada" are two entities. Not written when false, so other schemas keep their uid.</param>
public sealed record FieldDefinition(
    string Type,
    IReadOnlyList<string>? Values = null,
    string? Policy = null,
    bool Timeline = false,
    string? Description = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Aliases = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Exact = false)
{
    public string EffectivePolicy => Policy ?? MergePolicies.HighestPriority;
}

public static class FieldTypes
{
    public const string String = "string";
    public const string Number = "number";
    public const string Boolean = "boolean";
    public const string Date = "date";
    public const string Datetime = "datetime";
    public const string Array = "array";
    public const string Object = "object";
    public const string Enum = "enum";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { String, Number, Boolean, Date, Datetime, Array, Object, Enum };
}

public static class MergePolicies
{
    /// <summary>Highest priority wins, then the latest observation.</summary>
    public const string HighestPriority = "highest_priority";

    /// <summary>The latest observation wins whatever its priority (corrections still win).</summary>
    public const string LastWrite = "last_write";

    /// <summary>The union of every observed array, first-seen order (a correction replaces the union).</summary>
    public const string MergeArray = "merge_array";

    /// <summary>The value that carries the most information (longest text, most precise date), then priority.</summary>
    public const string MostSpecific = "most_specific";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { HighestPriority, LastWrite, MergeArray, MostSpecific };
}
