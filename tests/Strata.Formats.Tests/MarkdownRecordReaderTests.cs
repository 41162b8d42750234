using System.Text;
using Strata.Core.Interpretation;
using Strata.Formats.Notes;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

public sealed class MarkdownRecordReaderTests
{
    private readonly MarkdownRecordReader _reader = new();

    [Fact]
    public async Task The_document_is_one_note_whose_body_is_the_whole_text()
    {
        const string markdown = "Intro line\r\n\r\n## Plans ##\r\nText.\r\n";

        var note = (await RecordReading.ReadAllAsync(_reader, markdown)).Single();

        Assert.Equal("note", note.EntityType);
        Assert.Equal("document", note.Locator);
        Assert.Equal(markdown, note.Text("body"));
    }

    [Theory]
    [InlineData("Intro\n\n## Plans ##\nText", "Plans")]
    [InlineData("   # Spaced #####   \n", "Spaced")]
    [InlineData("# C#\n", "C#")]
    [InlineData("#\n\n# Second\n", "Second")]
    [InlineData("#hashtag\n# Real\n", "Real")]
    [InlineData("```bash\n# not a title\n```\n# After the fence\n", "After the fence")]
    [InlineData("    # indented code\n# Heading\n", "Heading")]
    public async Task The_title_is_the_text_of_the_first_atx_heading(string markdown, string title)
    {
        var note = (await RecordReading.ReadAllAsync(_reader, markdown, new RecordReadOptions(FileName: "file.md"))).Single();

        Assert.Equal(title, note.Text("title"));
    }

    [Fact]
    public async Task Without_a_heading_the_title_is_the_file_name_without_extension()
    {
        var note = (await RecordReading.ReadAllAsync(_reader, "Just text\n", new RecordReadOptions(FileName: "docs/meeting notes.md"))).Single();

        Assert.Equal("meeting notes", note.Text("title"));
    }

    [Fact]
    public async Task Without_a_heading_or_file_name_the_title_is_the_first_non_empty_line_cut_to_200_characters()
    {
        var longLine = new string('w', 250);

        var note = (await RecordReading.ReadAllAsync(_reader, $"\n  \n  {longLine}\nmore")).Single();

        Assert.Equal(new string('w', 200), note.Text("title"));
    }

    [Fact]
    public async Task A_byte_order_mark_is_not_part_of_the_body()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("# T\nbody")).ToArray();

        var note = (await RecordReading.ReadAllAsync(_reader, new MemoryStream(bytes))).Single();

        Assert.Equal("# T\nbody", note.Text("body"));
        Assert.Equal("T", note.Text("title"));
    }
}
