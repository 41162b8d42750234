using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Formats.Documents.Xlsx;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Strata.Formats.Tests.Documents;

public sealed class XlsxConverterTests
{
    /// <summary>A workbook written here with the Open XML SDK: two sheets, shared and inline strings, numbers, a
    /// boolean, a gap between cells, an empty row, and a second sheet with its own header.</summary>
    public static byte[] Workbook()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets());
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new S.SharedStringTable(
                new S.SharedStringItem(new S.Text("name")), new S.SharedStringItem(new S.Text("Ada Lovelace")), new S.SharedStringItem(new S.Text("amount")));
            AddSheet(workbook, 1, "People",
                Row(1, Shared("A1", 0), Shared("B1", 2), Inline("C1", "active")),
                Row(2, Shared("A2", 1), Number("B2", "1843.5"), Bool("C2", true)),
                Row(3),
                Row(4, Inline("A4", "Alan Turing"), Bool("C4", false)));
            AddSheet(workbook, 2, "Books", Row(1, Inline("A1", "title")), Row(2, Inline("A2", "Sketch of the Analytical Engine")));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task Every_row_after_each_sheets_header_becomes_a_record_block_located_by_its_row_element()
    {
        var blocks = await Converting.AllAsync(new XlsxConverter(), new MemoryStream(Workbook()));

        Assert.Equal(
        [
            "name: Ada Lovelace\namount: 1843.5\nactive: TRUE",
            "name: Alan Turing\namount: \nactive: FALSE",
            "title: Sketch of the Analytical Engine",
        ], blocks.Select(b => b.Content));
        Assert.All(blocks, b => Assert.Equal(BlockType.Record, b.Type));
        Assert.Equal([0, 1, 2], blocks.Select(b => b.Index));
        Assert.Equal(new ElementPath("/xl/worksheets/sheet1.xml", "/x:worksheet/x:sheetData/x:row[4]"), blocks[1].Locator);
        Assert.Equal(new ElementPath("/xl/worksheets/sheet2.xml", "/x:worksheet/x:sheetData/x:row[2]"), blocks[2].Locator);
        Assert.Equal(("People", "4"), (blocks[1].Attributes!["sheet"], blocks[1].Attributes!["row"]));
        Assert.Equal("Books", blocks[2].Attributes!["sheet"]);
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_refused_as_malformed()
    {
        var error = await Assert.ThrowsAsync<StrataException>(() => Converting.AllAsync(new XlsxConverter(), new MemoryStream("PK not really"u8.ToArray())));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("Z9", 25)]
    [InlineData("AA10", 26)]
    [InlineData("XFD1", 16_383)]
    [InlineData("XFE1", -1)]
    public void A_cell_reference_names_its_column(string reference, int column) => Assert.Equal(column, XlsxCells.ColumnIndex(reference));

    private static void AddSheet(WorkbookPart workbook, uint id, string name, params S.Row[] rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>($"rId{id + 10}");
        part.Worksheet = new S.Worksheet(new S.SheetData(rows));
        workbook.Workbook.Sheets!.Append(new S.Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static S.Row Row(uint index, params S.Cell[] cells) => new(cells) { RowIndex = index };

    private static S.Cell Shared(string reference, int index) =>
        new() { CellReference = reference, DataType = S.CellValues.SharedString, CellValue = new S.CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

    private static S.Cell Inline(string reference, string text) =>
        new() { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(text)) };

    private static S.Cell Number(string reference, string value) => new() { CellReference = reference, CellValue = new S.CellValue(value) };

    private static S.Cell Bool(string reference, bool value) =>
        new() { CellReference = reference, DataType = S.CellValues.Boolean, CellValue = new S.CellValue(value ? "1" : "0") };
}
