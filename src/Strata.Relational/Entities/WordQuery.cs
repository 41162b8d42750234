using System.Text;

namespace Strata.Relational.Entities;

/// <summary>A text query made only of whole words (letters and digits), lower-cased and without diacritics. Such a
/// query ranks first the entities where every word begins a word of the text ("ann" → "Anna", "zoe" → "Zoë"), then
/// those that merely contain every word; both databases rank by this same rule.</summary>
internal sealed record WordQuery(IReadOnlyList<string> Words)
{
    /// <summary>Null when a word holds anything else (punctuation, "@", a symbol): such a query is a substring query.</summary>
    public static WordQuery? Of(string text)
    {
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Fold).ToList();
        return words.Count > 0 && words.All(w => w.Length > 0 && w.All(char.IsLetterOrDigit)) ? new WordQuery(words) : null;
    }

    /// <summary>Diacritics removed as PostgreSQL's side does it (normalize(…, NFD), then the combining diacritical
    /// marks U+0300–U+036F dropped), which for Latin letters is what SQLite's unicode61 (remove_diacritics 2) does.
    /// A word left with any other mark is not a whole word by <see cref="Of"/>'s test.</summary>
    public static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is < '\u0300' or > '\u036f') kept.Append(c);
        }
        return kept.ToString().Normalize(NormalizationForm.FormC);
    }
}
