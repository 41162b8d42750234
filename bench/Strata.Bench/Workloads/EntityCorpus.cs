using System.Text.Json;
using Strata.Bench.Harness;

namespace Strata.Bench.Workloads;

/// <summary>
/// Deterministic contacts with real-world names (names.json): the same index always gives the same person, so runs
/// compare like with like. Given name and surname pairs are distinct up to <see cref="DistinctNames"/> people, each
/// person works at one of <see cref="CompanyCount"/> companies, and the email (the contact's canonical name) is
/// unique per index. Real names matter for search: trigram selectivity is that of real text.
/// </summary>
public static class EntityCorpus
{
    private static readonly Names Lists = LoadNames();

    public static int CompanyCount => Lists.CompanyPrefixes.Length * Lists.CompanyKinds.Length;

    public static int DistinctNames => Lists.FirstNames.Length * Lists.LastNames.Length;

    public static string FirstName(int index) => Lists.FirstNames[index % Lists.FirstNames.Length];

    public static string LastName(int index) => Lists.LastNames[index / Lists.FirstNames.Length % Lists.LastNames.Length];

    public static string FullName(int index) => $"{FirstName(index)} {LastName(index)}";

    public static string Email(int index) => $"{FirstName(index).ToLowerInvariant()}.{LastName(index).ToLowerInvariant()}.{index}@example.com";

    /// <summary>Consecutive people work at different companies; a company's staff are spread over the whole corpus.</summary>
    public static string Company(int index)
    {
        var company = index * 7919 % CompanyCount; // a prime stride: every company, each CompanyCount-th person
        return $"{Lists.CompanyPrefixes[company / Lists.CompanyKinds.Length]} {Lists.CompanyKinds[company % Lists.CompanyKinds.Length]}";
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

    private static Names LoadNames()
    {
        using var stream = typeof(EntityCorpus).Assembly.GetManifestResourceStream("names.json")
            ?? throw new InvalidOperationException("names.json is not embedded in the bench.");
        return JsonSerializer.Deserialize(stream, BenchJsonContext.Default.Names)!;
    }
}

/// <summary>The lists in names.json.</summary>
public sealed record Names(string[] FirstNames, string[] LastNames, string[] CompanyPrefixes, string[] CompanyKinds);
