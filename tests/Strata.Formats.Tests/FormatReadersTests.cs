using Strata.Core.Interpretation;
using Strata.Formats.Csv;
using Strata.Formats.Json;
using Strata.Formats.VCard;

namespace Strata.Formats.Tests;

public sealed class FormatReadersTests
{
    private readonly FormatReaders _readers = new();

    [Fact]
    public void Each_media_type_strata_reads_has_exactly_one_reader()
    {
        string[] types =
        [
            MediaTypes.Json, MediaTypes.JsonLines, MediaTypes.Csv, MediaTypes.VCard,
            MediaTypes.Calendar, MediaTypes.Markdown, MediaTypes.PlainText,
        ];

        Assert.All(types, type => Assert.Single(_readers.All, reader => reader.CanRead(type)));
        Assert.Equal(_readers.All.Count, _readers.All.Select(reader => reader.Format).Distinct().Count());
    }

    [Fact]
    public void A_reader_is_found_for_aliases_and_types_with_parameters()
    {
        Assert.IsType<CsvRecordReader>(_readers.For("Text/CSV; charset=utf-8"));
        Assert.IsType<VCardRecordReader>(_readers.For("text/x-vcard"));
        Assert.IsType<JsonRecordReader>(_readers.For("application/json"));
    }

    [Fact]
    public void No_reader_is_found_for_a_type_without_one()
    {
        Assert.Null(_readers.For(MediaTypes.Pdf));
    }
}
