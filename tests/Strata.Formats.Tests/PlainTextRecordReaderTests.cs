using Strata.Core.Interpretation;
using Strata.Formats.Notes;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

public sealed class PlainTextRecordReaderTests
{
    private readonly PlainTextRecordReader _reader = new();

    [Fact]
    public async Task The_text_is_one_note_titled_by_its_first_non_empty_line()
    {
        const string text = "\n   Shopping list  \n- milk\n- café\n";

        var note = (await RecordReading.ReadAllAsync(_reader, text, new RecordReadOptions(FileName: "list.txt"))).Single();

        Assert.Equal("note", note.EntityType);
        Assert.Equal("document", note.Locator);
        Assert.Equal("Shopping list", note.Text("title"));
        Assert.Equal(text, note.Text("body"));
    }

    [Fact]
    public async Task Blank_text_is_titled_by_its_file_name()
    {
        var note = (await RecordReading.ReadAllAsync(_reader, " \n\t\n", new RecordReadOptions(FileName: "empty-ish.txt"))).Single();

        Assert.Equal("empty-ish", note.Text("title"));
    }

    [Fact]
    public async Task A_long_first_line_is_cut_without_splitting_a_surrogate_pair()
    {
        var line = new string('a', 199) + "😀" + "tail";

        var note = (await RecordReading.ReadAllAsync(_reader, line)).Single();

        Assert.Equal(new string('a', 199), note.Text("title"));
    }
}
