using System.Text;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Formats.Documents;
using Strata.Formats.Documents.Csv;
using Strata.Formats.Documents.Html;
using Strata.Formats.Documents.Markdown;

namespace Strata.Formats.Tests.Documents;

/// <summary>Hostile shapes each converter refuses with a named limit instead of crashing or running for hours; and the
/// ordinary shapes near them it still converts. (Memory and whole-process survival: the acceptance ConverterFuzzTests.)</summary>
public sealed class ConverterLimitTests
{
    [Fact]
    public async Task Html_nested_90000_deep_is_malformed_content_naming_the_depth_limit()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 90_000)) + "x";

        var error = await Assert.ThrowsAsync<StrataException>(() => Converting.AllAsync(new HtmlConverter(), html));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
        Assert.Contains("512", error.Message);
    }

    [Theory]
    [InlineData("<span>")]
    [InlineData("<ul><li>")]
    [InlineData("<table><tr><td>")]
    public async Task Html_of_inline_lists_or_tables_nested_past_the_limit_is_refused(string level)
    {
        var html = string.Concat(Enumerable.Repeat(level, 600)) + "x";

        var error = await Assert.ThrowsAsync<StrataException>(() => Converting.AllAsync(new HtmlConverter(), html));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
    }

    [Fact]
    public async Task Html_nested_under_the_limit_and_thousands_of_unclosed_paragraphs_and_items_convert()
    {
        var nested = string.Concat(Enumerable.Repeat("<ul><li>", 200)) + "deep";
        var sloppy = "<ul>" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<li>item {i}")) + "</ul>" +
            string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<p>paragraph {i}"));

        var deep = await Converting.AllAsync(new HtmlConverter(), nested);
        var flat = await Converting.AllAsync(new HtmlConverter(), sloppy);

        Assert.Contains(deep, b => b.Content.EndsWith("deep", StringComparison.Ordinal));
        Assert.Equal(10_000, flat.Count);
        Assert.Equal("paragraph 4999", flat[^1].Content);
    }

    [Fact]
    public async Task Html_tags_inside_scripts_and_comments_do_not_count_as_nesting()
    {
        var filler = string.Concat(Enumerable.Repeat("<div>", 1_000));
        var html = $"<script>var s = '{filler}';</script><!-- {filler} --><p>kept</p>";

        var blocks = await Converting.AllAsync(new HtmlConverter(), html);

        Assert.Equal(["kept"], blocks.Select(b => b.Content));
    }

    [Theory]
    [InlineData(">")]
    [InlineData("- ")]
    [InlineData("[")]
    public async Task Markdown_nested_past_its_parser_limit_is_malformed_content_naming_the_limit(string level)
    {
        var markdown = string.Concat(Enumerable.Repeat(level, 20_000)) + "x\n";

        var error = await Assert.ThrowsAsync<StrataException>(() => Converting.AllAsync(new MarkdownConverter(), markdown));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
        Assert.Contains("128", error.Message);
    }

    [Fact]
    public async Task Markdown_quotes_nested_under_the_limit_convert()
    {
        var blocks = await Converting.AllAsync(new MarkdownConverter(), new string('>', 100) + " x\n");

        Assert.Equal(BlockType.Blockquote, Assert.Single(blocks).Type);
    }

    [Fact]
    public async Task A_csv_row_of_a_million_columns_is_file_too_large_not_a_ten_megabyte_block()
    {
        var csv = "a,b\n" + new string(',', 1_000_000) + "\n";

        var error = await Assert.ThrowsAsync<StrataException>(() => Converting.AllAsync(new CsvConverter(), csv));

        Assert.Equal(ErrorCodes.FileTooLarge, error.Code);
        Assert.Contains("line 2", error.Message);
        Assert.Contains("1,048,576", error.Message);
    }

    [Fact]
    public async Task A_csv_row_under_the_row_limit_whose_block_would_pass_it_is_refused_too()
    {
        var limits = ConversionLimits.Default with { MaxBlockChars = 10_000 };
        var csv = "a\n" + new string(',', 5_000) + "\n"; // 5,001 cells: "column_N: " each

        var error = await Assert.ThrowsAsync<StrataException>(() => Converting.AllAsync(new CsvConverter(), csv, limits));

        Assert.Equal(ErrorCodes.FileTooLarge, error.Code);
        Assert.Contains("block", error.Message);
    }

    [Fact]
    public async Task A_csv_row_longer_than_the_limit_is_refused_before_it_is_held_whole()
    {
        var limits = ConversionLimits.Default with { MaxBlockChars = 4_096 };
        var csv = "a,b\n\"" + new string('x', 100_000) + "\",1\n";

        var error = await Assert.ThrowsAsync<StrataException>(
            () => Converting.AllAsync(new CsvConverter(), new MemoryStream(Encoding.UTF8.GetBytes(csv)), limits));

        Assert.Equal(ErrorCodes.FileTooLarge, error.Code);
        Assert.Contains("starts on line 2", error.Message);
    }

    [Fact]
    public async Task A_quoted_line_break_stays_a_line_break_in_the_csv_block_text()
    {
        const string csv = "name,address\nAda,\"12 Queen St\r\nLondon\"\n";

        var blocks = await Converting.AllAsync(new CsvConverter(), csv);

        Assert.Equal("name: Ada\naddress: 12 Queen St\nLondon", Assert.Single(blocks).Content);
    }
}
