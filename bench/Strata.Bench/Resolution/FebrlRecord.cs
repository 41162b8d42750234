using System.Globalization;
using System.Text.Json;

namespace Strata.Bench.Resolution;

/// <summary>One Febrl row as a contact: <c>rec-N-org</c> and <c>rec-N-dup-K</c> are person N. The social security
/// number is left out on purpose: a contact has no such field, and the figures should hold without it.</summary>
public sealed record FebrlRecord(string RecordId, string Person, IReadOnlyDictionary<string, JsonElement> Fields)
{
    public static IEnumerable<FebrlRecord> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()!.Split(',').Select(h => h.Trim()).ToList();
        while (reader.ReadLine() is { } line)
        {
            // Febrl files quote nothing and hold no commas inside values.
            var cells = line.Split(',').Select(c => c.Trim()).ToList();
            var row = header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
            yield return FromRow(row);
        }
    }

    public static FebrlRecord FromRow(IReadOnlyDictionary<string, string> row)
    {
        var id = row["rec_id"];
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Put(fields, "given_name", row["given_name"]);
        Put(fields, "family_name", row["surname"]);
        var street = string.Join(' ', new[] { row["street_number"], row["address_1"] }.Where(s => s.Length > 0));
        Put(fields, "address", string.Join(", ", new[] { street, row["address_2"], row["suburb"], row["state"] }.Where(s => s.Length > 0)));
        Put(fields, "postcode", row["postcode"]);
        if (DateOnly.TryParseExact(row["date_of_birth"], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthday))
        {
            Put(fields, "birthday", birthday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return new FebrlRecord(id, id.Split('-')[1], fields);
    }

    public JsonElement ToContact()
    {
        var contact = new Dictionary<string, JsonElement>(Fields) { ["entity_type"] = JsonSerializer.SerializeToElement("contact") };
        return JsonSerializer.SerializeToElement(contact);
    }

    private static void Put(Dictionary<string, JsonElement> fields, string name, string value)
    {
        if (value.Length > 0) fields[name] = JsonSerializer.SerializeToElement(value);
    }
}
