using System.Text.Json;

namespace Strata.Core.Duplicates.Scoring;

/// <summary>
/// The blocking keys of a record: only records that share one are ever compared. Several keys, each forgiving a
/// different mistake, so a pair one typo hides from a key is found by another: the phonetic codes of the two names
/// in either order, each name's code with the birth year, each date, each exact identifier (postcode, email local
/// part, phone), the house number with the street's code, and the name itself for the sorted neighbourhood.
/// </summary>
public static class BlockingKeys
{
    /// <summary>The prefix of the sorted-neighbourhood key: its neighbours in sort order are candidates too.</summary>
    public const string NeighbourhoodPrefix = "s:";

    public static IReadOnlySet<string> For(DuplicateScoring scoring, IReadOnlyDictionary<string, JsonElement> fields)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var names = scoring.Fields.Where(f => f.Value.Comparator == Comparators.Name)
            .Select(f => FieldValues.Of(fields, f.Key, Comparators.Name).FirstOrDefault())
            .Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).ToList();
        var year = scoring.Fields.Where(f => f.Value.Comparator == Comparators.Date)
            .Select(f => FieldValues.Of(fields, f.Key, Comparators.Date).FirstOrDefault()).FirstOrDefault(d => d is { Length: >= 4 })?[..4];
        var codes = names.SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(Soundex.Code)
            .Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        if (codes.Count > 0) keys.Add("n:" + string.Join('|', codes.Take(4)));
        if (year is not null)
        {
            foreach (var code in codes) keys.Add($"y:{code}|{year}");
        }
        foreach (var (field, rule) in scoring.Fields)
        {
            foreach (var value in FieldValues.Of(fields, field, rule.Comparator))
            {
                var key = Key(field, value, rule.Comparator);
                if (key is not null) keys.Add(key);
            }
        }
        var sortName = SortName(scoring, fields);
        if (sortName.Length > 0) keys.Add(NeighbourhoodPrefix + sortName);
        return keys.Select(k => k.Length > MaxKeyLength ? k[..MaxKeyLength] : k).ToHashSet(StringComparer.Ordinal);
    }

    public const int MaxKeyLength = 200;

    private static string? Key(string field, string value, string comparator) => comparator switch
    {
        Comparators.Date => $"d:{field}:{value}",
        Comparators.Email => value.IndexOf('@') is > 0 and var at ? $"e:{value[..at]}" : $"e:{value}",
        Comparators.Phone => value.Length >= 6 ? $"t:{value[^Math.Min(9, value.Length)..]}" : null,
        Comparators.Exact => $"x:{field}:{value}",
        Comparators.TokenSet => Street(field, value),
        _ => null,
    };

    /// <summary>The first number with the phonetic code of the word after it ("42 tullaroop st" → 42|T416).</summary>
    private static string? Street(string field, string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (words[i].All(char.IsAsciiDigit) && words[i + 1].Any(char.IsAsciiLetter)) return $"a:{field}:{words[i]}|{Soundex.Code(words[i + 1])}";
        }
        return null;
    }

    /// <summary>The name fields in schema order from the last one back (family name first), for sorting.</summary>
    private static string SortName(DuplicateScoring scoring, IReadOnlyDictionary<string, JsonElement> fields)
    {
        var ordered = scoring.Swap is [var given, var family] ? [family, given] : scoring.Fields.Where(f => f.Value.Comparator == Comparators.Name).Select(f => f.Key).ToArray();
        var sortName = string.Join(' ', ordered.Select(f => FieldValues.Of(fields, f, Comparators.Name).FirstOrDefault() ?? "").Where(n => n.Length > 0));
        return sortName;
    }
}
