using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Documents;

/// <summary>
/// Every converter fed deep, wide and long inputs by a real <c>strata ingest --project</c> process: each one ends
/// (the process's own 8-minute guard is a hang guard, not a speed claim), with the document ingested or refused with
/// the stable code its limit has, and the process's peak resident size (read by itself as it exits) under a fixed
/// bound. The process is the unit here because a stack overflow cannot be caught: only a child shows it survives.
/// Runs on SQLite only: converters read bytes and never the database; the same nesting is sent through REST to a
/// real server on both databases in <see cref="HostileUploadTests"/>.
/// </summary>
public sealed class ConverterFuzzTests : IDisposable
{
    // The runtime, SQLite's page cache and one batch of blocks come to about 160 MB (DocumentMemoryBoundTests); the
    // largest input here is 24 MB, which a converter that held it whole in UTF-16 twice over would push past this.
    private const long PeakBound = 320L * 1024 * 1024;

    private const int Deep = 200_000;
    private const int Wide = 20_000;
    private const int Long = 24 * 1024 * 1024;

    private readonly string _folder = Directory.CreateTempSubdirectory("strata-fuzz-").FullName;

    public static TheoryData<string, string> Cases() => new()
    {
        { "deep-divs.html", "MALFORMED_CONTENT" },
        { "deep-spans.html", "MALFORMED_CONTENT" },
        { "deep-lists.html", "MALFORMED_CONTENT" },
        { "wide.html", "ingested" },
        { "long.html", "FILE_TOO_LARGE" },
        { "deep-quotes.md", "MALFORMED_CONTENT" },
        { "deep-lists.md", "MALFORMED_CONTENT" },
        { "deep-brackets.md", "MALFORMED_CONTENT" },
        { "deep-emphasis.md", "ingested" },
        { "wide.md", "ingested" },
        { "long.md", "FILE_TOO_LARGE" },
        { "wide.txt", "ingested" },
        { "long.txt", "FILE_TOO_LARGE" },
        { "wide.csv", "FILE_TOO_LARGE" },
        { "long.csv", "FILE_TOO_LARGE" },
        { "many-rows.csv", "ingested" },
        { "deep.docx", "MALFORMED_CONTENT" },
        { "dtd.docx", "MALFORMED_CONTENT" },
        { "wide.docx", "ingested" },
        { "deep.xlsx", "MALFORMED_CONTENT" },
        { "wide.xlsx", "ingested" },
        { "deep-arrays.pdf", "MALFORMED_CONTENT" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_converter_ends_on_a_hostile_input_with_its_limit_named_and_memory_under_a_fixed_bound(string name, string expected)
    {
        var file = Path.Combine(_folder, name);
        Write(file);
        var cli = new StrataProcess(Path.Combine(_folder, "data"));
        Assert.Equal(0, (await cli.RunAsync("projects", "create", "Fuzz")).Exit);

        var (exit, output, error) = await cli.RunAsync(
            new Dictionary<string, string> { ["STRATA_REPORT_PEAK_MEMORY"] = "1" }, "--json", "ingest", "--project", "Fuzz", file);

        Assert.True(output.Length > 0, $"no answer (exit {exit}): {error}");
        var document = JsonDocument.Parse(output).RootElement.GetProperty("document");
        var status = document.GetProperty("status").GetString();
        var message = document.TryGetProperty("error", out var e) ? e.GetString() ?? "" : "";
        Assert.True(expected == "ingested" ? status == "ingested" && exit == 0 : status == "conversion_failed" && exit == 1
            && message.StartsWith(expected + ": ", StringComparison.Ordinal), $"{name}: exit {exit}, {status}, {message} {error}");
        Assert.DoesNotContain("DtdProcessing", message);
        Assert.DoesNotContain("Exception", error);
        var peak = PeakMemory.Read(error);
        Assert.True(peak < PeakBound, $"{name}: peak {peak / 1048576} MB, bound {PeakBound / 1048576} MB");
    }

    private static void Write(string path)
    {
        var name = Path.GetFileName(path);
        switch (Path.GetExtension(path))
        {
            case ".docx":
                OfficePackage.WriteDocx(path, w =>
                {
                    if (name == "deep.docx") Repeat(w, "<w:sdt><w:sdtContent>", Deep);
                    else if (name == "wide.docx") Repeat(w, "<w:p><w:r><w:t>paragraph</w:t></w:r></w:p>", Wide);
                    else w.Write("<w:p><w:r><w:t>&e;</w:t></w:r></w:p>");
                }, name == "dtd.docx" ? """<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e "expanded">]>""" : "");
                return;
            case ".xlsx":
                OfficePackage.WriteXlsx(path, w =>
                {
                    if (name == "deep.xlsx")
                    {
                        w.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>");
                        Repeat(w, "<r>", Deep);
                    }
                    else
                    {
                        w.Write("<row r=\"1\">");
                        for (var i = 0; i < Wide; i++) w.Write($"<c t=\"inlineStr\"><is><t>c{i}</t></is></c>");
                        w.Write("</row><row r=\"2\">");
                        for (var i = 0; i < Wide; i++) w.Write($"<c t=\"inlineStr\"><is><t>{i}</t></is></c>");
                        w.Write("</row>");
                    }
                });
                return;
        }
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        switch (name)
        {
            case "deep-divs.html": Repeat(writer, "<div>", Deep); break;
            case "deep-spans.html": writer.Write("<p>"); Repeat(writer, "<span>", Deep); break;
            case "deep-lists.html": Repeat(writer, "<ul><li>", Deep); break;
            case "wide.html": Repeat(writer, "<p>one paragraph</p>", Wide); break;
            case "long.html": writer.Write("<p>"); Repeat(writer, "word ", Long / 5 * 3); break;
            case "deep-quotes.md": Repeat(writer, ">", Deep); writer.Write(" x\n"); break;
            case "deep-lists.md": Repeat(writer, "- ", Deep); writer.Write("x\n"); break;
            case "deep-brackets.md": Repeat(writer, "[", Deep); writer.Write('x'); Repeat(writer, "](u)", Deep); writer.Write('\n'); break;
            case "deep-emphasis.md": Repeat(writer, "*", Deep); writer.Write('x'); Repeat(writer, "*", Deep); writer.Write('\n'); break;
            case "wide.md": Repeat(writer, "A paragraph.\n\n", Wide); break;
            case "long.md" or "long.txt": Repeat(writer, "word ", Long / 5); writer.Write('\n'); break;
            case "wide.txt": Repeat(writer, "A paragraph.\n\n", Wide); break;
            case "wide.csv": writer.Write("a,b\n"); Repeat(writer, ",", 1_000_000); writer.Write('\n'); break;
            case "long.csv": writer.Write("a,b\n\""); Repeat(writer, "x", Long); writer.Write("\",1\n"); break;
            case "many-rows.csv": writer.Write("name,city\n"); Repeat(writer, "Ada,London\n", Wide); break;
            case "deep-arrays.pdf": writer.Write("%PDF-1.4\n1 0 obj\n"); Repeat(writer, "[", Deep); writer.Write("\nendobj\n%%EOF\n"); break;
            default: throw new ArgumentException(name);
        }
    }

    private static void Repeat(TextWriter writer, string text, int times)
    {
        for (var i = 0; i < times; i++) writer.Write(text);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
