using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Strata.Core.Documents;

/// <summary>
/// The JSON text a stored block keeps its locator and heading path in, the same on both databases and on the wire:
/// <c>{"kind":"text_offset_range","start":0,"end":12}</c>, <c>{"kind":"page_box","page":1,...}</c>,
/// <c>{"kind":"element_path","part":"...","path":"..."}</c>; a heading path is an array of strings.
/// </summary>
public static class BlockJson
{
    public static string WriteLocator(BlockLocator locator)
    {
        var buffer = new ArrayBufferWriter<byte>(96);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", locator.Kind);
            switch (locator)
            {
                case TextOffsetRange range:
                    json.WriteNumber("start", range.Start);
                    json.WriteNumber("end", range.End);
                    break;
                case PageBox box:
                    json.WriteNumber("page", box.Page);
                    json.WriteNumber("x_min", box.XMin);
                    json.WriteNumber("y_min", box.YMin);
                    json.WriteNumber("x_max", box.XMax);
                    json.WriteNumber("y_max", box.YMax);
                    break;
                case ElementPath path:
                    json.WriteString("part", path.Part);
                    json.WriteString("path", path.Path);
                    break;
                default:
                    throw new InvalidOperationException($"A locator of kind '{locator.Kind}' has no JSON form.");
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static BlockLocator ReadLocator(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return root.GetProperty("kind").GetString() switch
        {
            "text_offset_range" => new TextOffsetRange(root.GetProperty("start").GetInt64(), root.GetProperty("end").GetInt64()),
            "page_box" => new PageBox(root.GetProperty("page").GetInt32(), root.GetProperty("x_min").GetDouble(), root.GetProperty("y_min").GetDouble(),
                root.GetProperty("x_max").GetDouble(), root.GetProperty("y_max").GetDouble()),
            "element_path" => new ElementPath(root.GetProperty("part").GetString()!, root.GetProperty("path").GetString()!),
            var kind => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A stored locator of kind '{kind}' cannot be read.")),
        };
    }

    public static string WriteHeadingPath(IReadOnlyList<string> headings)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var heading in headings) json.WriteStringValue(heading);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<string> ReadHeadingPath(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
    }

    /// <summary>A block type from its wire name (<see cref="BlockTypes.Name"/>).</summary>
    public static BlockType ReadType(string name) => TypesByName.TryGetValue(name, out var type)
        ? type
        : throw new InvalidOperationException($"A stored block of type '{name}' cannot be read.");

    private static readonly Dictionary<string, BlockType> TypesByName =
        Enum.GetValues<BlockType>().ToDictionary(t => t.Name(), StringComparer.Ordinal);
}
