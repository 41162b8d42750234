using System.Text.Json;

namespace Strata.Core.Review;

/// <summary>Where a block sits in its source's text, read from its locator (<c>{"kind":"text_offset_range","start","end"}</c>);
/// a block located otherwise (a PDF page and box, a DOCX element path) has no text range: 0, 0.</summary>
public static class BlockText
{
    public static (int Start, int Length) Range(ReviewBlock block)
    {
        if (string.IsNullOrEmpty(block.LocatorJson)) return (0, 0);
        try
        {
            using var locator = JsonDocument.Parse(block.LocatorJson);
            var root = locator.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("start", out var start) && start.TryGetInt32(out var s)
                && root.TryGetProperty("end", out var end) && end.TryGetInt32(out var e) && e >= s)
            {
                return (s, e - s);
            }
        }
        catch (JsonException)
        {
            // A locator that does not parse places nothing; the block is still run.
        }
        return (0, 0);
    }
}
