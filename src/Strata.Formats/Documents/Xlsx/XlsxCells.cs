using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Strata.Formats.Documents.Xlsx;

/// <summary>A row's cell values in column order: a cell's reference (C5) places it, so empty cells Excel leaves out
/// keep their columns.</summary>
public static class XlsxCells
{
    /// <summary>Columns past this are ignored: a hostile sheet cannot make one row allocate without bound.</summary>
    public const int MaxColumns = 16_384;

    public static IReadOnlyList<string> Values(S.Row row, IReadOnlyList<string> strings)
    {
        var values = new List<string>();
        foreach (var cell in row.Elements<S.Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : values.Count;
            if (column is < 0 or >= MaxColumns) continue;
            while (values.Count < column) values.Add(string.Empty);
            var text = Text(cell, strings);
            if (column < values.Count) values[column] = text;
            else values.Add(text);
        }
        return values;
    }

    private static string Text(S.Cell cell, IReadOnlyList<string> strings)
    {
        var type = cell.DataType?.Value;
        if (type == S.CellValues.InlineString) return cell.InlineString?.InnerText ?? string.Empty;
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (type == S.CellValues.SharedString)
        {
            return int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var index)
                && index >= 0 && index < strings.Count ? strings[index] : string.Empty;
        }
        if (type == S.CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        return raw;
    }

    /// <summary>0-based column of a reference: A → 0, Z → 25, AA → 26.</summary>
    public static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            column = column * 26 + (c - 'A' + 1);
            if (column > MaxColumns) return -1;
        }
        return column - 1;
    }
}
