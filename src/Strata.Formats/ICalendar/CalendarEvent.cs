using System.Text.Json;
using Strata.Formats.ContentLines;
using Strata.Formats.Records;

namespace Strata.Formats.ICalendar;

/// <summary>The properties of one VEVENT (not of components nested in it, such as VALARM), mapped to event fields.</summary>
internal sealed class CalendarEvent(int startLine)
{
    private const string MailtoScheme = "mailto:";

    private readonly List<string> _attendees = [];
    private string? _title;
    private string? _start;
    private string? _timezone;
    private string? _end;
    private string? _location;
    private string? _description;
    private string? _organizer;
    private string? _uid;

    public int StartLine => startLine;

    public void Add(ContentLine line)
    {
        switch (line.Name)
        {
            case "SUMMARY":
                FirstNonBlank.Keep(ref _title, ContentText.Unescape(line.Value).Trim());
                break;
            case "DTSTART":
                FirstNonBlank.Keep(ref _start, ICalendarDate.ToIso(line.Value));
                // The time zone is kept beside the start so that a TZID-local time is not mistaken for UTC.
                FirstNonBlank.Keep(ref _timezone, line.Parameters.GetValueOrDefault("TZID"));
                break;
            case "DTEND":
                FirstNonBlank.Keep(ref _end, ICalendarDate.ToIso(line.Value));
                break;
            case "LOCATION":
                FirstNonBlank.Keep(ref _location, ContentText.Unescape(line.Value).Trim());
                break;
            case "DESCRIPTION":
                FirstNonBlank.Keep(ref _description, ContentText.Unescape(line.Value));
                break;
            case "ORGANIZER":
                FirstNonBlank.Keep(ref _organizer, WithoutMailto(line.Value));
                break;
            case "ATTENDEE":
                if (WithoutMailto(line.Value) is { Length: > 0 } attendee)
                {
                    _attendees.Add(attendee);
                }
                break;
            case "UID":
                FirstNonBlank.Keep(ref _uid, line.Value.Trim());
                break;
        }
    }

    public IReadOnlyDictionary<string, JsonElement> ToFields()
    {
        var fields = new TextFieldsBuilder();
        fields.AddIfPresent("title", _title);
        fields.AddIfPresent("start", _start);
        fields.AddIfPresent("end", _end);
        fields.AddIfPresent("timezone", _timezone);
        fields.AddIfPresent("location", _location);
        fields.AddIfPresent("description", _description);
        fields.AddIfPresent("organizer", _organizer);
        if (_attendees.Count > 0)
        {
            fields.Add("attendees", _attendees);
        }
        fields.AddIfPresent("uid", _uid);
        return fields.Build();
    }

    private static string WithoutMailto(string value)
    {
        var text = value.Trim();
        return text.StartsWith(MailtoScheme, StringComparison.OrdinalIgnoreCase) ? text[MailtoScheme.Length..].Trim() : text;
    }

}
