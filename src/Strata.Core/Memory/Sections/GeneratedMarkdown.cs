using System.Globalization;
using System.Text;

namespace Strata.Core.Memory.Sections;

/// <summary>
/// The model-written sections as MEMORY.md shows them: each titled "(generated)" with a line naming the model and date,
/// so a reader never takes them for the record. Together they take at most a quarter of the token budget (a longer text
/// is cut), so the facts rendered from snapshots always keep most of it. A section that failed is not rendered here:
/// MemoryService lists it with its error.
/// </summary>
internal static class GeneratedMarkdown
{
    private static string From(GeneratedSection section) =>
        section.Section == GeneratedSections.Summary ? "from the facts of this memory" : "from your own messages in your richest conversations";

    public static (string Summary, string Profile) Render(IReadOnlyList<GeneratedSection> generated, int tokenBudget)
    {
        var left = tokenBudget / 4 * 4; // in characters
        string Block(GeneratedSection section)
        {
            var head = string.Create(CultureInfo.InvariantCulture,
                $"## {GeneratedSections.Title(section.Section)} (generated)\n\n_Written by {section.Model ?? "a model"} on {section.GeneratedAt:yyyy-MM-dd} {From(section)}; the facts are the record._\n\n");
            var body = section.Text!.Trim();
            var room = left - head.Length - 2;
            if (room < 40) return "";
            if (body.Length > room) body = body[..(room - 1)] + "…";
            var block = head + body + "\n\n";
            left -= block.Length;
            return block;
        }
        var byName = generated.ToDictionary(g => g.Section, StringComparer.Ordinal);
        var summary = byName.TryGetValue(GeneratedSections.Summary, out var s) ? Block(s) : "";
        var profile = new StringBuilder();
        foreach (var name in GeneratedSections.Profile)
        {
            if (byName.TryGetValue(name, out var p)) profile.Append(Block(p));
        }
        return (summary, profile.ToString());
    }
}
