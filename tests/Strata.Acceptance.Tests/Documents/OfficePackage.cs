using System.IO.Compression;
using System.Text;

namespace Strata.Acceptance.Tests.Documents;

/// <summary>Minimal DOCX and XLSX packages written as raw zip entries, so a test can put in them what no Office
/// program writes (a DTD, nesting a hundred thousand deep) — what an attacker would upload.</summary>
internal static class OfficePackage
{
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    /// <summary>A Word document whose main part is <c>&lt;w:document&gt;&lt;w:body&gt;{body}&lt;/w:body&gt;&lt;/w:document&gt;</c>
    /// after <paramref name="prolog"/> (a DOCTYPE, say).</summary>
    public static void WriteDocx(string path, Action<TextWriter> body, string prolog = "")
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Entry(zip, "[Content_Types].xml", w => w.Write(ContentTypes(
            ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"))));
        Entry(zip, "_rels/.rels", w => w.Write(Rels(("rId1", OfficeDocument, "word/document.xml"))));
        Entry(zip, "word/document.xml", w =>
        {
            w.Write(prolog);
            w.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
            body(w);
            w.Write("</w:body></w:document>");
        });
    }

    /// <summary>A workbook of one sheet "S" whose <c>sheetData</c> holds <paramref name="sheetData"/>.</summary>
    public static void WriteXlsx(string path, Action<TextWriter> sheetData)
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Entry(zip, "[Content_Types].xml", w => w.Write(ContentTypes(
            ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))));
        Entry(zip, "_rels/.rels", w => w.Write(Rels(("rId1", OfficeDocument, "xl/workbook.xml"))));
        Entry(zip, "xl/_rels/workbook.xml.rels", w => w.Write(Rels(
            ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet1.xml"))));
        Entry(zip, "xl/workbook.xml", w => w.Write(
            $"<workbook xmlns=\"{main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
            "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
        Entry(zip, "xl/worksheets/sheet1.xml", w =>
        {
            w.Write($"<worksheet xmlns=\"{main}\"><sheetData>");
            sheetData(w);
            w.Write("</sheetData></worksheet>");
        });
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        write(writer);
    }

    private static string ContentTypes(params (string Part, string Type)[] overrides) =>
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        $"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        string.Concat(overrides.Select(o => $"<Override PartName=\"{o.Part}\" ContentType=\"{o.Type}\"/>")) + "</Types>";

    private static string Rels(params (string Id, string Type, string Target)[] relationships) =>
        $"<Relationships xmlns=\"{Relationships}\">" +
        string.Concat(relationships.Select(r => $"<Relationship Id=\"{r.Id}\" Type=\"{r.Type}\" Target=\"{r.Target}\"/>")) + "</Relationships>";
}
