using System.Text.Json;
using Strata.Bench.Harness;

namespace Strata.Bench.Workloads;

/// <summary>
/// Deterministic contacts: the same index always gives the same person, so runs compare like with like. Names are
/// built from syllables (every first+last pair distinct up to <see cref="DistinctNames"/>), each person works at
/// one of <see cref="CompanyCount"/> companies, and the email (the contact's canonical name) is unique per index.
/// </summary>
public static class EntityCorpus
{
    public const int CompanyCount = 1000;
    private const int FirstNames = 250;
    private const int LastNames = 400;
    public const int DistinctNames = FirstNames * LastNames;

    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ra", "ten", "vor", "zu", "an", "el", "is", "dar", "fen", "gil", "hol", "jun", "mar", "nel", "ost", "pri", "sul"];

    private static readonly string[] CompanyKinds = ["Labs", "Systems", "Works", "Group", "Foods", "Freight", "Health", "Studio"];

    public static string FirstName(int index) => Word(index % FirstNames, 2);

    public static string LastName(int index) => Word(index / FirstNames % LastNames + 7, 3);

    public static string FullName(int index) => $"{FirstName(index)} {LastName(index)}";

    public static string Email(int index) => $"{FirstName(index).ToLowerInvariant()}.{LastName(index).ToLowerInvariant()}.{index}@example.com";

    public static string Company(int index)
    {
        var company = index % CompanyCount;
        return $"{Word(company + 1000, 3)} {CompanyKinds[company % CompanyKinds.Length]}";
    }

    /// <summary>The first observation of a contact: three fields, as an agent would state it.</summary>
    public static JsonElement Contact(int index) => Element(new Dictionary<string, string>
    {
        ["entity_type"] = "contact",
        ["name"] = FullName(index),
        ["email"] = Email(index),
        ["company"] = Company(index),
    });

    /// <summary>A later observation of the same contact (same email, so the same entity): three fields again.</summary>
    public static JsonElement Update(int index, int round) => Element(new Dictionary<string, string>
    {
        ["entity_type"] = "contact",
        ["email"] = Email(index),
        ["title"] = $"Title {round}",
        ["notes"] = $"Update {round} about {FullName(index)}",
    });

    public static List<JsonElement> Batch(int first, int count, Func<int, JsonElement> make) =>
        Enumerable.Range(first, count).Select(make).ToList();

    private static JsonElement Element(Dictionary<string, string> values) =>
        JsonSerializer.SerializeToElement(values, BenchJsonContext.Default.DictionaryStringString);

    /// <summary>A pronounceable word: the index written in base <c>Syllables.Length</c>, one syllable per digit.</summary>
    private static string Word(int index, int syllables)
    {
        var chars = new System.Text.StringBuilder();
        for (var i = 0; i < syllables; i++)
        {
            chars.Append(Syllables[index % Syllables.Length]);
            index /= Syllables.Length;
        }
        chars[0] = char.ToUpperInvariant(chars[0]);
        return chars.ToString();
    }
}
