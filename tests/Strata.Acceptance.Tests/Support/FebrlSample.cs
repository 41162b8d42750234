using System.Globalization;
using System.Text.Json;

namespace Strata.Acceptance.Tests.Support;

/// <summary>Febrl dataset 1 (Fixtures/febrl) as contacts: <c>rec-N-org</c> and <c>rec-N-dup-K</c> are person N.</summary>
public static class FebrlSample
{
    public sealed record Person(string RecordId, string PersonId, string ContactJson);

    public static IReadOnlyList<Person> Read()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "febrl", "dataset1.csv"));
        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        return lines.Skip(1).Select(line =>
        {
            var row = header.Zip(line.Split(',').Select(c => c.Trim())).ToDictionary(p => p.First, p => p.Second);
            var contact = new Dictionary<string, string> { ["entity_type"] = "contact" };
            Put(contact, "given_name", row["given_name"]);
            Put(contact, "family_name", row["surname"]);
            var street = string.Join(' ', new[] { row["street_number"], row["address_1"] }.Where(s => s.Length > 0));
            Put(contact, "address", string.Join(", ", new[] { street, row["address_2"], row["suburb"], row["state"] }.Where(s => s.Length > 0)));
            Put(contact, "postcode", row["postcode"]);
            if (DateOnly.TryParseExact(row["date_of_birth"], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthday))
            {
                Put(contact, "birthday", birthday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            return new Person(row["rec_id"], row["rec_id"].Split('-')[1], JsonSerializer.Serialize(contact));
        }).ToList();
    }

    public static string Batch(IEnumerable<Person> people) => "[" + string.Join(",", people.Select(p => p.ContactJson)) + "]";

    private static void Put(Dictionary<string, string> contact, string field, string value)
    {
        if (value.Length > 0) contact[field] = value;
    }
}
