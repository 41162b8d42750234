namespace Strata.Core.Duplicates.Scoring;

/// <summary>How two dates agree: exactly, with day and month transposed, by one mistyped digit, or not at all.</summary>
public static class DateAgreement
{
    public const double Transposed = 0.9;
    public const double OneDigit = 0.85;

    /// <summary>Similarity of two ISO dates (<c>yyyy-mm-dd</c>, or longer datetimes compared on their date).</summary>
    public static (double Similarity, string? Kind) Compare(string a, string b)
    {
        var left = Digits(a);
        var right = Digits(b);
        if (left == right) return (1, null);
        if (left.Length == 8 && right.Length == 8 && left[..4] == right[..4] && left[4..6] == right[6..8] && left[6..8] == right[4..6])
        {
            return (Transposed, "transposed");
        }
        if (left.Length == right.Length && left.Zip(right).Count(p => p.First != p.Second) == 1)
        {
            return (OneDigit, "one_digit");
        }
        return (0, null);
    }

    private static string Digits(string date)
    {
        var day = date.Length >= 10 ? date[..10] : date;
        return new string(day.Where(char.IsAsciiDigit).ToArray());
    }
}
