using System.Text.Json;

namespace Strata.Core.Review;

/// <summary>Which staged values of a run a bulk review takes: "everything matching the filter" is every staged value of
/// the block type (when given) whose field equals the text (when given), minus the blocks excluded by index.</summary>
public sealed record BlockValueFilter(string? BlockType, string? Field, string? EqualsText, IReadOnlySet<int> Except)
{
    public static readonly BlockValueFilter All = new(null, null, null, new HashSet<int>());

    public bool NeedsBlockType => BlockType is not null;

    /// <summary>A value matches when its field, as text (a string's characters, a number or boolean as written), is the
    /// filter's text; a value without the field does not match.</summary>
    public bool Matches(BlockValue value, string? blockType)
    {
        if (Except.Contains(value.BlockIndex)) return false;
        if (BlockType is not null && !string.Equals(BlockType, blockType, StringComparison.Ordinal)) return false;
        if (Field is null) return true;
        using var parsed = JsonDocument.Parse(value.ValueJson ?? "{}");
        if (!parsed.RootElement.TryGetProperty(Field, out var field)) return false;
        var text = field.ValueKind == JsonValueKind.String ? field.GetString() : field.GetRawText();
        return string.Equals(text, EqualsText, StringComparison.Ordinal);
    }
}
