using System.Text;

namespace Strata.Cli.Output;

/// <summary>A plain aligned table for people; long cells are cut with an ellipsis.</summary>
internal sealed class TextTable(params string[] headers)
{
    private const int MaxCell = 60;
    private readonly List<string[]> _rows = [];

    public TextTable Add(params object?[] cells)
    {
        _rows.Add(cells.Select(Cell).ToArray());
        return this;
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths);
        Line(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in _rows) Line(text, row, widths);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths) =>
        text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset time => time.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        text = TerminalText.Safe(text.ReplaceLineEndings(" "));
        return text.Length > MaxCell ? text[..(MaxCell - 1)] + "…" : text;
    }
}
