using System.Globalization;
using System.Text.Json;

namespace Strata.Bench.Resolution;

/// <summary>
/// People made by Febrl's generator rules, for sizes the datasets do not reach: values drawn from the Febrl originals'
/// own names, streets, suburbs and postcodes, a birth date between 1900 and 2000, and duplicates made from an original
/// by one or two of Febrl's modifications (a typo: a letter inserted, deleted, replaced or two swapped; given and family
/// name swapped; a value left out; day and month transposed). Seeded: the same size gives the same people.
/// </summary>
public sealed class SyntheticPeople
{
    private readonly string[] _given;
    private readonly string[] _family;
    private readonly string[] _streets;
    private readonly string[] _suburbs;
    private readonly string[] _postcodes;
    private readonly string[] _states;

    public SyntheticPeople(IEnumerable<FebrlRecord> originals)
    {
        var records = originals.ToList();
        string[] Pool(string field) => records.Select(r => r.Fields.TryGetValue(field, out var v) ? v.GetString() : null)
            .Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct().Order(StringComparer.Ordinal).ToArray();
        _given = Pool("given_name");
        _family = Pool("family_name");
        _postcodes = Pool("postcode");
        var addresses = Pool("address").Select(a => a.Split(", ")).ToList();
        _streets = addresses.Select(a => a[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
        _suburbs = addresses.Where(a => a.Length > 2).Select(a => a[^2]).Distinct().Order(StringComparer.Ordinal).ToArray();
        _states = ["nsw", "vic", "qld", "wa", "sa", "tas", "act", "nt"];
    }

    /// <summary>Person <paramref name="index"/>: an original, or (one in five) a duplicate of an earlier one.</summary>
    public FebrlRecord Person(long index)
    {
        var random = new Random(unchecked((int)(index * 2654435761L)));
        if (index > 10 && random.Next(5) == 0)
        {
            var of = random.NextInt64(index);
            return Modify(Original(of), new Random(unchecked((int)(index * 40503L))), $"rec-{of}-dup-{index}");
        }
        return Original(index);
    }

    public FebrlRecord Original(long index)
    {
        var random = new Random(unchecked((int)(index * 2246822519L)));
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["given_name"] = Text(Pick(random, _given)),
            ["family_name"] = Text(Pick(random, _family)),
            ["address"] = Text($"{random.Next(1, 200)} {Pick(random, _streets).Split(' ', 2).Last()}, {Pick(random, _suburbs)}, {Pick(random, _states)}"),
            ["postcode"] = Text(Pick(random, _postcodes)),
            ["birthday"] = Text(new DateOnly(1900, 1, 1).AddDays(random.Next(36_500)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        return new FebrlRecord($"rec-{index}-org", index.ToString(CultureInfo.InvariantCulture), fields);
    }

    private static FebrlRecord Modify(FebrlRecord original, Random random, string recordId)
    {
        var fields = new Dictionary<string, JsonElement>(original.Fields);
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            switch (random.Next(5))
            {
                case 0 or 1:
                    var field = new[] { "given_name", "family_name", "address", "postcode" }[random.Next(4)];
                    if (fields.TryGetValue(field, out var value)) fields[field] = Text(Typo(value.GetString()!, random));
                    break;
                case 2:
                    if (fields.TryGetValue("given_name", out var given) && fields.TryGetValue("family_name", out var family))
                    {
                        (fields["given_name"], fields["family_name"]) = (family, given);
                    }
                    break;
                case 3:
                    fields.Remove(new[] { "given_name", "address", "birthday", "postcode" }[random.Next(4)]);
                    break;
                default:
                    if (fields.TryGetValue("birthday", out var date) && DateOnly.TryParse(date.GetString(), CultureInfo.InvariantCulture, out var day) && day.Day <= 12)
                    {
                        fields["birthday"] = Text(new DateOnly(day.Year, day.Day, day.Month).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
        return new FebrlRecord(recordId, original.Person, fields);
    }

    private static string Typo(string value, Random random)
    {
        if (value.Length < 2) return value;
        var at = random.Next(value.Length - 1);
        var letter = (char)('a' + random.Next(26));
        return random.Next(4) switch
        {
            0 => value.Insert(at, letter.ToString()),
            1 => value.Remove(at, 1),
            2 => value[..at] + letter + value[(at + 1)..],
            _ => value[..at] + value[at + 1] + value[at] + value[(at + 2)..],
        };
    }

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];

    private static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value);
}
