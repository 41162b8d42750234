namespace Strata.Acceptance.Tests.Support;

/// <summary>Febrl rows (Fixtures/febrl, BSD-3-Clause) as contacts: names, birthday, the address in one line, and the
/// record id as a field the contact schema does not declare (kept as a raw fragment of the entity it landed in).</summary>
public static class FebrlRows
{
    /// <summary>One CSV line of a Febrl file ("rec-1-org, jane, smith, 6, main street, , city, 2000, nsw, 19800101, 123").</summary>
    public static string ContactJson(string line)
    {
        var c = line.Split(',').Select(v => v.Trim()).ToArray();
        var address = string.Join(' ', new[] { c[3], c[4], c[5], c[6], c[8], c[7] }.Where(v => v.Length > 0));
        var fields = new List<string> { "\"entity_type\":\"contact\"", $"\"rec_id\":\"{c[0]}\"" };
        void Add(string name, string value)
        {
            if (value.Length > 0) fields.Add($"\"{name}\":\"{value}\"");
        }
        Add("given_name", c[1]);
        Add("family_name", c[2]);
        Add("address", address);
        Add("birthday", c[9]);
        return "{" + string.Join(',', fields) + "}";
    }

    public static string ContactsJson(IEnumerable<string> lines) => "[" + string.Join(',', lines.Select(ContactJson)) + "]";

    /// <summary>The person a record id stands for: rec-12-org and rec-12-dup-0 are both person 12.</summary>
    public static string Person(string recId) => recId.Split('-')[1];
}
