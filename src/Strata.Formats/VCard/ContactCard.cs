using System.Text.Json;
using Strata.Formats.ContentLines;
using Strata.Formats.Records;

namespace Strata.Formats.VCard;

/// <summary>
/// The properties of one BEGIN:VCARD…END:VCARD block, mapped to contact fields. Single-valued fields keep the
/// first non-empty occurrence; e-mails and phones keep all of them, in order.
/// </summary>
internal sealed class ContactCard(int startLine)
{
    private readonly List<string> _emails = [];
    private readonly List<string> _phones = [];
    private string? _formattedName;
    private string? _familyName;
    private string? _givenName;
    private string? _company;
    private string? _title;
    private string? _address;
    private string? _birthday;
    private string? _website;
    private string? _notes;

    public int StartLine => startLine;

    public void Add(ContentLine line)
    {
        switch (line.Name)
        {
            case "FN":
                FirstNonBlank.Keep(ref _formattedName, Text(line));
                break;
            case "N":
                var name = ContentText.Components(line.Value);
                FirstNonBlank.Keep(ref _familyName, name[0].Trim());
                FirstNonBlank.Keep(ref _givenName, name.Count > 1 ? name[1].Trim() : string.Empty);
                break;
            case "EMAIL":
                AddIfPresent(_emails, Text(line));
                break;
            case "TEL":
                AddIfPresent(_phones, WithoutScheme(Text(line), "tel:"));
                break;
            case "ORG":
                FirstNonBlank.Keep(ref _company, ContentText.Components(line.Value)[0].Trim());
                break;
            case "TITLE":
                FirstNonBlank.Keep(ref _title, Text(line));
                break;
            case "ADR":
                var parts = ContentText.Components(line.Value).Select(part => part.Trim()).Where(part => part.Length > 0);
                FirstNonBlank.Keep(ref _address, string.Join(", ", parts));
                break;
            case "BDAY":
                FirstNonBlank.Keep(ref _birthday, line.Value.Trim());
                break;
            case "URL":
                FirstNonBlank.Keep(ref _website, Text(line));
                break;
            case "NOTE":
                // Notes keep their own spacing and line breaks.
                FirstNonBlank.Keep(ref _notes, ContentText.Unescape(line.Value));
                break;
        }
    }

    public IReadOnlyDictionary<string, JsonElement> ToFields()
    {
        var fields = new TextFieldsBuilder();
        fields.AddIfPresent("name", _formattedName ?? ComposedName());
        fields.AddIfPresent("family_name", _familyName);
        fields.AddIfPresent("given_name", _givenName);
        if (_emails.Count > 0)
        {
            fields.Add("email", _emails[0]);
            fields.Add("emails", _emails);
        }
        if (_phones.Count > 0)
        {
            fields.Add("phone", _phones[0]);
            fields.Add("phones", _phones);
        }
        fields.AddIfPresent("company", _company);
        fields.AddIfPresent("title", _title);
        fields.AddIfPresent("address", _address);
        fields.AddIfPresent("birthday", _birthday);
        fields.AddIfPresent("website", _website);
        fields.AddIfPresent("notes", _notes);
        return fields.Build();
    }

    private string? ComposedName()
    {
        var name = $"{_givenName} {_familyName}".Trim();
        return name.Length > 0 ? name : null;
    }

    private static string Text(ContentLine line) => ContentText.Unescape(line.Value).Trim();

    // vCard 4 may give a phone as a URI (TEL;VALUE=uri:tel:+1-555-0100); the number is what people search for.
    private static string WithoutScheme(string value, string scheme) =>
        value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? value[scheme.Length..].Trim() : value;


    private static void AddIfPresent(List<string> values, string value)
    {
        if (value.Length > 0)
        {
            values.Add(value);
        }
    }
}
