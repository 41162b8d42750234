using System.IO.Packaging;
using System.Runtime.CompilerServices;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Strata.Formats.Documents.Xlsx;

/// <summary>
/// Excel workbooks into record blocks, like CSV: every sheet in workbook order, its first non-empty row the column
/// names, each later row one <c>record</c> block of "column: value" lines. A block's locator is its row element in the
/// sheet's part (<c>/x:worksheet/x:sheetData/x:row[N]</c>, N counting row elements), and its attributes name the sheet and
/// the row number Excel shows. Rows are read with the SAX reader, so a large sheet is not loaded whole; values are as
/// stored (numbers and dates as their raw numbers, formulas as their cached result).
/// </summary>
public sealed class XlsxConverter : IDocumentConverter
{
    public string Name => "xlsx";

    public string Version => "1";

    public bool CanConvert(string mediaType) => mediaType == MediaTypes.Xlsx;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(
        Stream content, ConversionLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var seekable = await SeekableCopy.OfAsync(content, cancellationToken);
        using var document = Open(seekable);
        OfficeXmlParts.Check(document, "XLSX", limits.MaxNestingDepth);
        var workbook = document.WorkbookPart
            ?? throw StrataException.Malformed("The XLSX file has no workbook part; it is not an Excel workbook.");
        var strings = XlsxSharedStrings.Read(workbook);
        var writer = new BlockWriter(limits);
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<S.Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } relationship || workbook.GetPartById(relationship) is not WorksheetPart part) continue;
            var name = sheet.Name?.Value ?? relationship;
            foreach (var block in Rows(writer, part, name, strings))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return block;
            }
        }
    }

    private static IEnumerable<DocumentBlock> Rows(BlockWriter writer, WorksheetPart part, string sheet, IReadOnlyList<string> strings)
    {
        string[]? names = null;
        var position = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(S.Row) || !reader.IsStartElement) continue;
            position++;
            var row = (S.Row)reader.LoadCurrentElement()!;
            var cells = XlsxCells.Values(row, strings);
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (names is null)
            {
                names = cells.Select((c, i) => c.Trim().Length > 0 ? c.Trim() : $"column_{i + 1}").ToArray();
                continue;
            }
            var attributes = new Dictionary<string, string> { ["sheet"] = sheet };
            if (row.RowIndex?.Value is { } number) attributes["row"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return writer.Block(BlockType.Record, Record(names, cells),
                new ElementPath(part.Uri.OriginalString, $"/x:worksheet/x:sheetData/x:row[{position}]"), attributes: attributes);
        }
    }

    private static string Record(string[] names, IReadOnlyList<string> cells)
    {
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(names.Length, cells.Count); i++)
        {
            var name = i < names.Length ? names[i] : $"column_{i + 1}";
            var value = i < cells.Count ? cells[i] : string.Empty;
            lines.Add($"{name}: {value.ReplaceLineEndings(" ")}");
        }
        return string.Join('\n', lines);
    }

    private static SpreadsheetDocument Open(Stream stream)
    {
        try
        {
            return SpreadsheetDocument.Open(stream, isEditable: false);
        }
        catch (Exception exception) when (exception is FileFormatException or OpenXmlPackageException or InvalidDataException)
        {
            throw StrataException.Malformed($"The file is not a readable XLSX workbook ({exception.Message}).");
        }
    }
}
