namespace Strata.Formats.Documents;

/// <summary>Rows of cells as a Markdown pipe table, the first row as its header; short rows are padded.</summary>
internal static class MarkdownTable
{
    public static string Render(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0)
        {
            return string.Empty;
        }
        var width = rows.Max(r => r.Count);
        var lines = new List<string> { Row(rows[0], width), Row(Enumerable.Repeat("---", width).ToList(), width) };
        lines.AddRange(rows.Skip(1).Select(r => Row(r, width)));
        return string.Join('\n', lines);
    }

    private static string Row(IReadOnlyList<string> cells, int width) =>
        "| " + string.Join(" | ", Enumerable.Range(0, width).Select(i => i < cells.Count ? cells[i].ReplaceLineEndings(" ") : "")) + " |";
}
