namespace Strata.Core.Duplicates.Scoring;

/// <summary>The field comparators a schema can name, with the default m/u of each (estimated on Febrl dataset 1,
/// see docs/resolution.md) and the similarities at which a field counts as agreeing or disagreeing.</summary>
public static class Comparators
{
    public const string Name = "name";
    public const string Date = "date";
    public const string TokenSet = "token_set";
    public const string Exact = "exact";
    public const string Email = "email";
    public const string Phone = "phone";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Name, Date, TokenSet, Exact, Email, Phone };

    /// <summary>The comparator's defaults: m, u, the similarity at and below which it disagrees (Low) and at and above
    /// which it agrees fully (High); in between the weight moves linearly from one to the other.</summary>
    public static ComparatorDefaults Defaults(string comparator) => comparator switch
    {
        Name => new(0.8, 0.005, Low: 0.75, High: 0.95),
        Date => new(0.95, 0.0001, Low: 0.7, High: 1),
        TokenSet => new(0.8, 0.0005, Low: 0.75, High: 0.95),
        Email or Phone => new(0.9, 0.0001, Low: 0.99, High: 1),
        _ => new(0.85, 0.001, Low: 0.99, High: 1),
    };
}

public sealed record ComparatorDefaults(double M, double U, double Low, double High);
