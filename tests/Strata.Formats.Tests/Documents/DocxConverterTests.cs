using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Formats.Documents.Docx;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Strata.Formats.Tests.Support;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Strata.Formats.Tests.Documents;

public sealed class DocxConverterTests
{
    private static Task<List<DocumentBlock>> ConvertAsync(string file) =>
        Converting.AllAsync(new DocxConverter(), File.OpenRead(Fixture.Path("docx", file)));

    public static TheoryData<string> DocxFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Fixture.Path("docx"), "*.docx"))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DocxFiles))]
    public async Task Every_fixture_docx_converts_into_blocks_located_by_element_path(string file)
    {
        var blocks = await ConvertAsync(file);

        Assert.Equal(Enumerable.Range(0, blocks.Count), blocks.Select(b => b.Index));
        Assert.All(blocks, b =>
        {
            var path = Assert.IsType<ElementPath>(b.Locator);
            Assert.Matches(@"^(/w:[a-zA-Z]+\[\d+\])+$", path.Path.Replace("/w:document/w:body", "/w:document[1]/w:body[1]")
                .Replace("/w:footnotes", "/w:footnotes[1]").Replace("/w:endnotes", "/w:endnotes[1]"));
            Assert.False(string.IsNullOrWhiteSpace(b.Content));
        });
    }

    [Fact]
    public async Task A_single_paragraph_document_gives_its_one_paragraph()
    {
        var blocks = await ConvertAsync("single-paragraph.docx");

        var block = Assert.Single(blocks);
        Assert.Equal(BlockType.Paragraph, block.Type);
        Assert.Equal("Walking on imported air", block.Content);
        Assert.Equal(new ElementPath("word/document.xml", "/w:document/w:body/w:p[1]"), block.Locator);
    }

    [Fact]
    public async Task Lists_tables_and_footnotes_keep_their_types()
    {
        var list = await ConvertAsync("simple-list.docx");
        Assert.Equal([BlockType.ListItem, BlockType.ListItem], list.Select(b => b.Type));
        Assert.Equal(["Apple", "Banana"], list.Select(b => b.Content));

        var tables = await ConvertAsync("tables.docx");
        var table = Assert.Single(tables, b => b.Type == BlockType.Table);
        Assert.Contains("| Top left | Top right |", table.Content);

        var footnotes = await ConvertAsync("footnotes.docx");
        Assert.Equal(2, footnotes.Count(b => b.Type == BlockType.Footnote));
        Assert.Contains(footnotes, b => b.Type == BlockType.Footnote && b.Locator is ElementPath { Part: "word/footnotes.xml" });
    }

    [Fact]
    public async Task Headings_from_styles_and_their_based_on_chain_give_the_blocks_under_them_a_heading_path()
    {
        var docx = WordDocument.Build(
            ("Heading1", "Agreement"), (null, "Preamble text."), ("Heading2", "Fees"), ("CustomFee", "Under a custom heading style"),
            (null, "Fee text."), ("Heading1", "Annex"), (null, "Annex text."));

        var blocks = await Converting.AllAsync(new DocxConverter(), new MemoryStream(docx));

        Assert.Equal(
            [BlockType.Heading, BlockType.Paragraph, BlockType.Heading, BlockType.Heading, BlockType.Paragraph, BlockType.Heading, BlockType.Paragraph],
            blocks.Select(b => b.Type));
        Assert.Equal([1, 2, 3, 1], blocks.Where(b => b.Type == BlockType.Heading).Select(b => b.Level!.Value));
        Assert.Equal(["Agreement", "Fees", "Under a custom heading style"], blocks[4].HeadingPath);
        Assert.Equal(["Annex"], blocks[6].HeadingPath);
        Assert.Equal(new ElementPath("word/document.xml", "/w:document/w:body/w:p[5]"), blocks[4].Locator);
    }

    [Fact]
    public async Task An_empty_document_has_no_blocks()
    {
        Assert.Empty(await ConvertAsync("empty.docx"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_docx_is_refused_as_malformed()
    {
        var error = await Assert.ThrowsAsync<StrataException>(() =>
            Converting.AllAsync(new DocxConverter(), new MemoryStream("not a zip at all"u8.ToArray())));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
    }

    /// <summary>A .docx written with the OpenXml SDK: paragraphs with style ids, and a styles part where "CustomFee"
    /// is based on "heading 3", so only its chain makes it a heading.</summary>
    private static class WordDocument
    {
        public static byte[] Build(params (string? Style, string Text)[] paragraphs)
        {
            var stream = new MemoryStream();
            using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
            {
                var main = document.AddMainDocumentPart();
                var styles = main.AddNewPart<StyleDefinitionsPart>();
                styles.Styles = new W.Styles(
                    Style("Heading1", "heading 1", null), Style("Heading2", "heading 2", null), Style("Heading3", "heading 3", null),
                    Style("CustomFee", "Custom fee", "Heading3"));
                main.Document = new W.Document(new W.Body(paragraphs.Select(p =>
                {
                    var paragraph = new W.Paragraph(new W.Run(new W.Text(p.Text)));
                    if (p.Style is not null)
                    {
                        paragraph.PrependChild(new W.ParagraphProperties(new W.ParagraphStyleId { Val = p.Style }));
                    }
                    return (OpenXmlElement)paragraph;
                })));
            }
            return stream.ToArray();
        }

        private static W.Style Style(string id, string name, string? basedOn)
        {
            var style = new W.Style { Type = W.StyleValues.Paragraph, StyleId = id };
            style.Append(new W.StyleName { Val = name });
            if (basedOn is not null)
            {
                style.Append(new W.BasedOn { Val = basedOn });
            }
            return style;
        }
    }
}
