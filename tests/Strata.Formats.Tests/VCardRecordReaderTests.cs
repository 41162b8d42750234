using Strata.Formats.Tests.Support;
using Strata.Formats.VCard;

namespace Strata.Formats.Tests;

public sealed class VCardRecordReaderTests
{
    private const string TwoCards =
        "BEGIN:VCARD\r\n" +
        "VERSION:3.0\r\n" +
        "FN:Dr. Jane Q. Doe\r\n" +
        "N:Doe;Jane;Q.;Dr.;\r\n" +
        "EMAIL;TYPE=work:jane@work.example\r\n" +
        "item1.EMAIL;TYPE=\"home,pref\":jane@home.example\r\n" +
        "TEL;TYPE=cell:+1 555 0100\r\n" +
        "TEL;VALUE=uri:tel:+1-555-0101\r\n" +
        "ORG:Acme\\, Inc.;Research\r\n" +
        "TITLE:Chief Scientist\r\n" +
        "ADR;TYPE=work:;;123 Main St;Springfield;IL;62701;USA\r\n" +
        "BDAY:1980-04-01\r\n" +
        "URL:https\\://acme.example/jane\r\n" +
        "NOTE:Met at the confer\r\n" +
        " ence\\nlikes tea\\; prefers mail \\\\ never\r\n" +
        "\t calls\r\n" +
        "PHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\n" +
        "END:VCARD\r\n" +
        "\r\n" +
        "begin:vcard\n" +
        "version:4.0\n" +
        "n:Smith;John;;;\n" +
        "email:john@example.com\n" +
        "end:vcard\n";

    private readonly VCardRecordReader _reader = new();

    [Fact]
    public async Task Each_card_is_a_contact_located_by_its_position()
    {
        var records = await RecordReading.ReadAllAsync(_reader, TwoCards);

        Assert.Equal(["vcard:0", "vcard:1"], records.Select(record => record.Locator));
        Assert.All(records, record => Assert.Equal("contact", record.EntityType));
    }

    [Fact]
    public async Task Card_properties_map_to_contact_fields()
    {
        var jane = (await RecordReading.ReadAllAsync(_reader, TwoCards))[0];

        Assert.Equal("Dr. Jane Q. Doe", jane.Text("name"));
        Assert.Equal("Doe", jane.Text("family_name"));
        Assert.Equal("Jane", jane.Text("given_name"));
        Assert.Equal("Acme, Inc.", jane.Text("company"));
        Assert.Equal("Chief Scientist", jane.Text("title"));
        Assert.Equal("123 Main St, Springfield, IL, 62701, USA", jane.Text("address"));
        Assert.Equal("1980-04-01", jane.Text("birthday"));
        Assert.Equal("https://acme.example/jane", jane.Text("website"));
        Assert.False(jane.Fields.ContainsKey("photo"));
    }

    [Fact]
    public async Task Every_email_and_phone_is_kept_and_the_first_is_the_main_one()
    {
        var records = await RecordReading.ReadAllAsync(_reader, TwoCards);

        Assert.Equal("jane@work.example", records[0].Text("email"));
        Assert.Equal(["jane@work.example", "jane@home.example"], records[0].Texts("emails"));
        Assert.Equal("+1 555 0100", records[0].Text("phone"));
        Assert.Equal(["+1 555 0100", "+1-555-0101"], records[0].Texts("phones"));
        Assert.Equal(["john@example.com"], records[1].Texts("emails"));
        Assert.False(records[1].Fields.ContainsKey("phones"));
    }

    [Fact]
    public async Task Folded_lines_are_unfolded_and_escapes_resolved()
    {
        var jane = (await RecordReading.ReadAllAsync(_reader, TwoCards))[0];

        Assert.Equal("Met at the conference\nlikes tea; prefers mail \\ never calls", jane.Text("notes"));
    }

    [Fact]
    public async Task Without_fn_the_name_is_given_name_then_family_name()
    {
        var john = (await RecordReading.ReadAllAsync(_reader, TwoCards))[1];

        Assert.Equal("John Smith", john.Text("name"));
    }
}
