using Strata.Core.Interpretation;
using Strata.Formats.Csv;
using Strata.Formats.ICalendar;
using Strata.Formats.Json;
using Strata.Formats.JsonLines;
using Strata.Formats.Notes;
using Strata.Formats.VCard;

namespace Strata.Formats;

/// <summary>The record readers Strata ships, and the one to use for a media type.</summary>
public sealed class FormatReaders
{
    public IReadOnlyList<IRecordReader> All { get; } =
    [
        new Chat.ClaudeProjectsReader(),
        new JsonRecordReader(),
        new JsonLinesRecordReader(),
        new CsvRecordReader(),
        new VCardRecordReader(),
        new ICalendarRecordReader(),
        new MarkdownRecordReader(),
        new PlainTextRecordReader(),
    ];

    /// <summary>The reader for <paramref name="mimeType"/> (parameters such as charset ignored), or null if none reads it.</summary>
    public IRecordReader? For(string mimeType)
    {
        var normalized = MediaTypes.Normalize(mimeType);
        return All.FirstOrDefault(reader => reader.CanRead(normalized));
    }
}
