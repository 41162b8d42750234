using Strata.Formats.ICalendar;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

public sealed class ICalendarRecordReaderTests
{
    private const string Calendar =
        "BEGIN:VCALENDAR\r\n" +
        "VERSION:2.0\r\n" +
        "PRODID:-//Strata tests//EN\r\n" +
        "BEGIN:VTIMEZONE\r\n" +
        "TZID:Europe/Paris\r\n" +
        "BEGIN:STANDARD\r\n" +
        "DTSTART:19701025T030000\r\n" +
        "END:STANDARD\r\n" +
        "END:VTIMEZONE\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:evt-1@example.com\r\n" +
        "SUMMARY:Quarterly review\\, Q1\r\n" +
        "DTSTART:20240115T090000Z\r\n" +
        "DTEND:20240115T100000Z\r\n" +
        "LOCATION:Room 4\\; east wing\r\n" +
        "DESCRIPTION:Agenda:\\n1. Numbers\\n2. Pl\r\n" +
        " ans\r\n" +
        "ORGANIZER;CN=\"Boss, The\":mailto:boss@example.com\r\n" +
        "ATTENDEE;CN=Ann;RSVP=TRUE:mailto:ann@example.com\r\n" +
        "ATTENDEE:MAILTO:bob@example.com\r\n" +
        "BEGIN:VALARM\r\n" +
        "ACTION:DISPLAY\r\n" +
        "DESCRIPTION:Reminder\r\n" +
        "TRIGGER:-PT15M\r\n" +
        "END:VALARM\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "SUMMARY:Offsite\r\n" +
        "DTSTART;VALUE=DATE:20240120\r\n" +
        "DTEND;VALUE=DATE:20240122\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "SUMMARY:Local breakfast\r\n" +
        "DTSTART;TZID=Europe/Paris:20240115T080000\r\n" +
        "DTEND;TZID=Europe/Paris:20240115T083000\r\n" +
        "END:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    private readonly ICalendarRecordReader _reader = new();

    [Fact]
    public async Task Each_vevent_is_an_event_located_by_its_position()
    {
        var records = await RecordReading.ReadAllAsync(_reader, Calendar);

        Assert.Equal(["vevent:0", "vevent:1", "vevent:2"], records.Select(record => record.Locator));
        Assert.All(records, record => Assert.Equal("event", record.EntityType));
    }

    [Fact]
    public async Task Event_properties_map_to_event_fields_with_text_unescaped()
    {
        var review = (await RecordReading.ReadAllAsync(_reader, Calendar))[0];

        Assert.Equal("Quarterly review, Q1", review.Text("title"));
        Assert.Equal("Room 4; east wing", review.Text("location"));
        Assert.Equal("Agenda:\n1. Numbers\n2. Plans", review.Text("description"));
        Assert.Equal("evt-1@example.com", review.Text("uid"));
    }

    [Fact]
    public async Task Organizer_and_attendees_lose_their_mailto_scheme()
    {
        var review = (await RecordReading.ReadAllAsync(_reader, Calendar))[0];

        Assert.Equal("boss@example.com", review.Text("organizer"));
        Assert.Equal(["ann@example.com", "bob@example.com"], review.Texts("attendees"));
    }

    [Fact]
    public async Task Dates_and_times_are_written_in_iso_8601_keeping_utc_floating_and_all_day_apart()
    {
        var records = await RecordReading.ReadAllAsync(_reader, Calendar);

        Assert.Equal("2024-01-15T09:00:00Z", records[0].Text("start"));
        Assert.Equal("2024-01-15T10:00:00Z", records[0].Text("end"));
        Assert.Equal("2024-01-20", records[1].Text("start"));
        Assert.Equal("2024-01-22", records[1].Text("end"));
        Assert.Equal("2024-01-15T08:00:00", records[2].Text("start"));
        Assert.Equal("Europe/Paris", records[2].Text("timezone"));
    }

    [Fact]
    public async Task Properties_of_components_nested_in_an_event_are_not_the_events()
    {
        var records = await RecordReading.ReadAllAsync(_reader, Calendar);

        Assert.DoesNotContain(records, record => record.Fields.TryGetValue("description", out var value) && value.GetString() == "Reminder");
        Assert.False(records[0].Fields.ContainsKey("timezone"));
    }
}
