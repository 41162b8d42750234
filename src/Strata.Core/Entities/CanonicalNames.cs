using System.Globalization;
using System.Text;

namespace Strata.Core.Entities;

/// <summary>
/// Normalises a canonical name so that the same thing written differently resolves to one entity:
/// case, accents, punctuation and whitespace are folded (a minus sign before a number is kept); a leading honorific and a trailing company suffix are
/// dropped. An email address is kept whole (only trimmed and lower-cased).
/// </summary>
public static class CanonicalNames
{
    private static readonly HashSet<string> Honorifics =
        ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "dame", "mme", "mlle", "herr", "frau"];

    private static readonly HashSet<string> CompanySuffixes =
        ["inc", "incorporated", "llc", "ltd", "limited", "gmbh", "corp", "corporation", "co", "plc", "ag", "sa", "bv", "nv", "srl", "sarl", "pty", "llp", "oy", "ab", "as", "kg"];

    public static string Normalize(string value)
    {
        var trimmed = value.Trim();
        if (LooksLikeEmail(trimmed))
        {
            return trimmed.ToLowerInvariant();
        }

        var tokens = Tokenize(trimmed);
        if (tokens.Count > 1 && Honorifics.Contains(tokens[0]))
        {
            tokens.RemoveAt(0);
        }
        while (tokens.Count > 1 && CompanySuffixes.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }
        return string.Join(' ', tokens);
    }

    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);
    }

    private static List<string> Tokenize(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormKD);
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            if (c is '-' or '−' && current.Length == 0 && i + 1 < decomposed.Length && char.IsDigit(decomposed[i + 1]))
            {
                current.Append('-'); // a sign, not a separator: "-50" and "50" are different amounts
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue; // accents: "José" and "Jose" are one name
            }
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’')
            {
                continue; // "O'Brien" and "OBrien"
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }
        return tokens;
    }
}
