using System.Text.Json;
using Strata.Core.Snapshots;

namespace Strata.Core.Memory;

/// <summary>The sections of MEMORY.md, in order, with the entity types each is made of and how an entity reads as a line.</summary>
internal static class MemorySections
{
    public sealed record Section(string Title, IReadOnlyList<string> Types, Func<Snapshot, string?> Line);

    public static readonly IReadOnlyList<Section> All =
    [
        new("Profile", ["fact"], s => Text(s, "statement") ?? Join(" ", Text(s, "subject"), Text(s, "predicate"), Text(s, "object"))),
        new("Preferences", ["preference"], s => Text(s, "statement") ?? Join(": ", Text(s, "topic"), Text(s, "value"))),
        new("Projects", ["project"], s => Join(": ", Bold(Text(s, "name") ?? s.CanonicalName), Join("; ", Text(s, "description"), Text(s, "status")))),
        new("People", ["contact"], s => Join(" — ", Text(s, "name") ?? s.CanonicalName, Text(s, "relationship"), Text(s, "notes"))),
        new("Important Dates", ["event"], s => Join(": ", Text(s, "start") ?? Text(s, "date"), Join(" — ", Text(s, "title"), Text(s, "description")))),
        new("Beliefs & Values", ["belief"], s => Text(s, "statement")),
        new("Decisions & Context", ["decision"], s => Join(" — ", Join(" ", Text(s, "date") is { } d ? d + ":" : null, Text(s, "decision")), Text(s, "context"))),
    ];

    private static string? Text(Snapshot snapshot, string field)
    {
        if (!snapshot.Fields.TryGetValue(field, out var value)) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : OneLine(text);
    }

    private static string? Bold(string? text) => text is null ? null : $"**{text}**";

    private static string? Join(string separator, params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? null : string.Join(separator, present);
    }

    /// <summary>A value is one line of Markdown: line breaks folded, and long values cut.</summary>
    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..299] + "…";
    }
}
