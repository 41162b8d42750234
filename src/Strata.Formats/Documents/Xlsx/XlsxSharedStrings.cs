using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Strata.Formats.Documents.Xlsx;

/// <summary>The workbook's shared string table (cells of type "s" hold an index into it), read with the SAX reader.</summary>
internal static class XlsxSharedStrings
{
    public static IReadOnlyList<string> Read(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return strings;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(S.SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()?.InnerText ?? string.Empty);
            }
        }
        return strings;
    }
}
