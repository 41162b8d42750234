using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Strata.Acceptance.Tests.Documents;

/// <summary>XLSX workbooks written in the test with the Open XML SDK (no binary fixture to trust).</summary>
internal static class GeneratedWorkbook
{
    private static readonly Dictionary<string, string> Born = new() { ["Ada Lovelace"] = "1815", ["Alan Turing"] = "1912", ["Grace Hopper"] = "1906" };

    /// <summary>One sheet "People": a header row (name, born) and one row per person.</summary>
    public static byte[] People(IReadOnlyList<string> names)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            var rows = new List<S.Row> { Row(1, "name", "born") };
            rows.AddRange(names.Select((n, i) => Row((uint)i + 2, n, Born.GetValueOrDefault(n, ""))));
            part.Worksheet = new S.Worksheet(new S.SheetData(rows));
            workbook.Workbook.Sheets!.Append(new S.Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "People" });
        }
        return stream.ToArray();
    }

    private static S.Row Row(uint index, string a, string b) => new(
        new S.Cell { CellReference = $"A{index}", DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(a)) },
        new S.Cell { CellReference = $"B{index}", DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(b)) })
    {
        RowIndex = index,
    };
}
