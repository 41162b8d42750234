using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Documents;
using Strata.Core.Operations;
using Strata.Formats.Documents;

namespace Strata.Acceptance.Tests.Documents;

/// <summary>
/// Documents of every format, through the whole path (upload, conversion job, the stores, the reads): the stored blocks
/// are exactly the converter's, page after page, and their locators still point at the original.
/// </summary>
public sealed class StoredConversionTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "documents");
    private TestStrata _strata = null!;
    private string _alice = "";

    private async Task StartAsync(string backend)
    {
        _strata = new TestStrata(backend: backend);
        _alice = await _strata.UserAsync("alice");
        await _strata.Services.Projects.CreateAsync(_alice, "Formats", None);
    }

    private async Task<DocumentView> AddAsync(string name, byte[] bytes)
    {
        var added = await _strata.Services.Documents.AddFileAsync(_alice, "Formats", new MemoryStream(bytes), name, null, wait: true, None);
        Assert.True(added.Document.Status == DocumentStatuses.Ingested, $"{name}: {added.Document.Status} {added.Document.Error}");
        return added.Document;
    }

    /// <summary>Every stored block of the document, read a page of 97 at a time (so pages end mid-document).</summary>
    private async Task<List<BlockView>> StoredAsync(DocumentView document)
    {
        var blocks = new List<BlockView>();
        string? cursor = null;
        do
        {
            var page = await _strata.Services.Documents.ListBlocksAsync(_alice, document.DocumentId, new Paging(97, Cursor: cursor), None);
            blocks.AddRange(page.Blocks);
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(document.BlockCount, blocks.Count);
        return blocks;
    }

    /// <summary>The stored blocks are the converter's own blocks over the same bytes, field for field.</summary>
    private static async Task AssertSameAsConverterAsync(string mediaType, byte[] bytes, IReadOnlyList<BlockView> stored)
    {
        var converted = new List<DocumentBlock>();
        await foreach (var block in DocumentConverters.Default.ConvertAsync(mediaType, new MemoryStream(bytes), None)) converted.Add(block);
        Assert.Equal(converted.Count, stored.Count);
        for (var i = 0; i < converted.Count; i++)
        {
            var (expected, actual) = (converted[i], stored[i]);
            Assert.Equal((expected.Index, expected.Type.Name(), expected.Content, expected.Level), (actual.Index, actual.Type, actual.Content, actual.Level));
            Assert.Equal(expected.HeadingPath, actual.HeadingPath);
            Assert.Equal(BlockJson.WriteLocator(expected.Locator), actual.Locator.GetRawText());
            Assert.Equal(expected.Attributes?.OrderBy(a => a.Key), actual.Attributes?.OrderBy(a => a.Key));
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_CommonMark_example_in_one_stored_document_slices_back_from_its_stored_locators(string backend)
    {
        await StartAsync(backend);
        using var spec = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, "spec.json")));
        // Each example after a fence-closing rule, so an unclosed fence in one example cannot swallow the next.
        var text = string.Join("\n\n", spec.RootElement.EnumerateArray().Select(e => e.GetProperty("markdown").GetString()!.TrimEnd('\n') + "\n\n***"));
        var bytes = Encoding.UTF8.GetBytes(text);

        var document = await AddAsync("commonmark.md", bytes);
        var stored = await StoredAsync(document);

        Assert.True(stored.Count > spec.RootElement.GetArrayLength(), $"only {stored.Count} blocks");
        foreach (var block in stored)
        {
            var start = block.Locator.GetProperty("start").GetInt32();
            var end = block.Locator.GetProperty("end").GetInt32();
            Assert.Equal(text[start..end], block.Content);
            Assert.Equal(block, await _strata.Services.Documents.GetBlockAsync(_alice, block.BlockUid, None) with
            {
                HeadingPath = block.HeadingPath, Locator = block.Locator,
            });
        }
        await AssertSameAsConverterAsync("text/markdown", bytes, stored);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_fixture_docx_is_stored_as_the_blocks_its_converter_gives_located_by_element_path(string backend)
    {
        await StartAsync(backend);
        var files = Directory.GetFiles(Fixtures, "*.docx").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 10, "the docx fixtures are copied beside the tests");

        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var document = await AddAsync(Path.GetFileName(file), bytes);
            var stored = await StoredAsync(document);
            Assert.All(stored, b => Assert.Equal("element_path", b.Locator.GetProperty("kind").GetString()));
            await AssertSameAsConverterAsync(document.MediaType, bytes, stored);
        }
        var listed = await _strata.Services.Documents.ListAsync(_alice, "Formats", DocumentStatuses.Ingested, new Paging(Paging.MaxLimit, IncludeTotal: true), None);
        Assert.Equal(files.Count, listed.Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_csv_spectrum_file_is_stored_as_record_blocks_whose_locators_are_its_rows(string backend)
    {
        await StartAsync(backend);
        foreach (var file in Directory.GetFiles(Fixtures, "*.csv").Order(StringComparer.Ordinal))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
            var document = await AddAsync(Path.GetFileName(file), bytes);
            var stored = await StoredAsync(document);

            Assert.NotEmpty(stored);
            Assert.All(stored, b => Assert.Equal("record", b.Type));
            foreach (var block in stored)
            {
                var row = text[block.Locator.GetProperty("start").GetInt32()..block.Locator.GetProperty("end").GetInt32()];
                Assert.Contains(block.Content.Split('\n')[0][(block.Content.IndexOf(": ", StringComparison.Ordinal) + 2)..].Replace("\"", "\"\""),
                    row.ReplaceLineEndings(" "));
            }
            await AssertSameAsConverterAsync("text/csv", bytes, stored);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_xlsx_workbook_made_here_is_stored_as_one_record_per_row_with_its_sheet(string backend)
    {
        await StartAsync(backend);
        var bytes = GeneratedWorkbook.People(["Ada Lovelace", "Alan Turing", "Grace Hopper"]);

        var document = await AddAsync("people.xlsx", bytes);
        var stored = await StoredAsync(document);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", document.MediaType);
        Assert.Equal(["name: Ada Lovelace\nborn: 1815", "name: Alan Turing\nborn: 1912", "name: Grace Hopper\nborn: 1906"], stored.Select(b => b.Content));
        Assert.All(stored, b => Assert.Equal("People", b.Attributes!["sheet"]));
        Assert.Equal("/x:worksheet/x:sheetData/x:row[3]", stored[1].Locator.GetProperty("path").GetString());
        await AssertSameAsConverterAsync(document.MediaType, bytes, stored);
    }

    [ChromiumTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_pdf_printed_by_chromium_is_stored_as_paragraphs_with_their_page_and_box(string backend)
    {
        await StartAsync(backend);
        var folder = Directory.CreateTempSubdirectory("strata-pdf-").FullName;
        var html = Path.Combine(folder, "contract.html");
        var pdf = Path.Combine(folder, "contract.pdf");
        await File.WriteAllTextAsync(html, "<html><body><h1>Master services agreement</h1><p>Payment is due within thirty days.</p></body></html>");
        using (var chromium = Process.Start(new ProcessStartInfo(ChromiumTheoryAttribute.Executable!,
            ["--headless", "--no-sandbox", "--disable-gpu", $"--print-to-pdf={pdf}", "--no-pdf-header-footer", new Uri(html).AbsoluteUri])
            { RedirectStandardError = true, RedirectStandardOutput = true })!)
        {
            await chromium.WaitForExitAsync();
        }

        var document = await AddAsync("contract.pdf", await File.ReadAllBytesAsync(pdf));
        var stored = await StoredAsync(document);

        Assert.Contains(stored, b => b.Content.Contains("Payment is due within thirty days", StringComparison.Ordinal));
        Assert.All(stored, b => Assert.Equal(1, b.Locator.GetProperty("page").GetInt32()));
        Directory.Delete(folder, recursive: true);
    }

    public void Dispose() => _strata?.Dispose();
}
