using System.Runtime.CompilerServices;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.ContentLines;
using Strata.Formats.Records;

namespace Strata.Formats.ICalendar;

/// <summary>Reads <c>text/calendar</c>: one <c>event</c> record per VEVENT, locator <c>vevent:N</c> from 0.</summary>
public sealed class ICalendarRecordReader : IRecordReader
{
    public const string EntityType = "event";

    private const string Calendar = "VCALENDAR";
    private const string Event = "VEVENT";

    public string Format => "icalendar";

    public bool CanRead(string mimeType) => MediaTypes.Normalize(mimeType) == MediaTypes.Calendar;

    public async IAsyncEnumerable<ExtractedRecord> ReadAsync(
        Stream content, RecordReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var budget = new RecordBudget(options.MaxRecords);
        using var lines = new UnfoldedLineReader(content);
        var open = new Stack<(string Component, int Line)>();
        var sawCalendar = false;
        CalendarEvent? calendarEvent = null;
        var index = 0;
        while (await lines.ReadLineAsync(cancellationToken) is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (open.Count == 0)
            {
                RequireCalendarStart(text, lines.LineNumber, sawCalendar);
                sawCalendar = true;
                open.Push((Calendar, lines.LineNumber));
                continue;
            }

            var line = ContentLine.Parse(text, lines.LineNumber);
            var component = line.Value.Trim().ToUpperInvariant();
            if (line.Name == "BEGIN")
            {
                if (component == Event)
                {
                    calendarEvent = calendarEvent is null
                        ? new CalendarEvent(line.LineNumber)
                        : throw StrataException.Malformed(
                            $"Line {line.LineNumber} begins a VEVENT inside the one that begins on line {calendarEvent.StartLine}, which has no END:VEVENT.");
                }
                open.Push((component, line.LineNumber));
            }
            else if (line.Name == "END")
            {
                var (expected, begunOn) = open.Peek();
                if (component != expected)
                {
                    throw StrataException.Malformed(
                        $"Line {line.LineNumber} is END:{component}, but the {expected} that begins on line {begunOn} is still open.");
                }
                open.Pop();
                if (component == Event && calendarEvent is not null)
                {
                    budget.Take();
                    yield return new ExtractedRecord(EntityType, calendarEvent.ToFields(), $"vevent:{index++}");
                    calendarEvent = null;
                }
            }
            else if (open.Peek().Component == Event)
            {
                calendarEvent?.Add(line);
            }
        }

        if (open.Count > 0)
        {
            var (component, begunOn) = calendarEvent is not null ? (Event, calendarEvent.StartLine) : open.Peek();
            throw StrataException.Malformed(
                $"The {component} that begins on line {begunOn} has no END:{component}; the file may be cut short.");
        }
        if (!sawCalendar)
        {
            throw StrataException.Malformed("The file holds no calendar: it does not start with BEGIN:VCALENDAR.");
        }
    }

    private static void RequireCalendarStart(string text, int lineNumber, bool sawCalendar)
    {
        if (text.Trim().Equals("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var preview = text.Length > 60 ? text[..60] + "…" : text;
        throw StrataException.Malformed(sawCalendar
            ? $"Line {lineNumber} is outside any calendar (expected BEGIN:VCALENDAR): \"{preview}\"."
            : $"The file does not start with BEGIN:VCALENDAR; line {lineNumber} is \"{preview}\".");
    }
}
