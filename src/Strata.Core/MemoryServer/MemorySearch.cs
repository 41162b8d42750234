using System.Globalization;
using System.Text;

namespace Strata.Core.MemoryServer;

/// <summary>
/// <c>search_nodes</c>' match. First the reference's own: the query inside the name, the type or an observation,
/// ignoring case. Then what it misses: every word of the query found among the entity's words in any order, with case
/// and accents folded, a word matching as the start of a longer one ("Ben Weeks" finds "Benjamin Weeks") or spelled
/// nearly (one edit in words of four letters or more, two from eight).
/// </summary>
/// <remarks>
/// Both parts only ever gain matches from more text: a text holding more strings matches whatever fewer of them match.
/// <see cref="MayMatch"/> uses that to choose the entities worth folding from the text each keeps of every string it was
/// given (<see cref="MemoryEntityText"/>). A trigram or word index could not choose them: a near spelling may share no
/// trigram and no word with what it finds ("Wekes" finds "Weeks").
/// </remarks>
public sealed class MemorySearch(string query)
{
    private readonly string _lower = query.ToLowerInvariant();
    private readonly List<string> _words = Words(query);

    /// <summary>Whether the entity, as it is now, matches the query.</summary>
    public bool Matches(MemoryEntity entity) => Matches([entity.Name, entity.EntityType, .. entity.Observations]);

    /// <summary>Whether an entity whose strings, ever given, are in <paramref name="text"/> could match now: false only
    /// when none of them, nor all together, match. An entity with no such text (longer than its limit) may match.</summary>
    public bool MayMatch(string? text)
    {
        if (text is null) return true;
        if (!Ascii.IsValid(text)) return Matches([text]);
        // Most texts are ASCII, and search reads one per entity: folded here as Words folds them, without its allocations.
        // Normalising changes no ASCII character and none is a mark; lower-casing touches A-Z only; words are the runs of
        // letters and digits.
        Span<char> lower = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        Ascii.ToLower(text, lower, out _);
        return MayMatchLowerAscii(lower);
    }

    /// <summary>The query's words (lower-case, accents dropped), each of which a match needs near one of the text's words.</summary>
    internal IReadOnlyList<string> QueryWords => _words;

    /// <summary>Whether an ASCII text already lower-cased holds the whole query (the reference's own match, over the text).</summary>
    internal bool ContainsLowerAscii(ReadOnlySpan<char> lower) => lower.IndexOf(_lower.AsSpan()) >= 0;

    /// <summary><see cref="MayMatch"/> of an ASCII text already lower-cased (<see cref="Ascii.ToLower(ReadOnlySpan{char}, Span{char}, out int)"/>),
    /// as <see cref="MemorySearchIndex"/> keeps its texts.</summary>
    internal bool MayMatchLowerAscii(ReadOnlySpan<char> lower)
    {
        if (lower.IndexOf(_lower.AsSpan()) >= 0) return true;
        if (_words.Count == 0) return false;
        foreach (var word in _words)
        {
            if (!AnyAsciiWordNear(word, lower)) return false;
        }
        return true;
    }

    private bool Matches(IReadOnlyList<string> texts)
    {
        if (texts.Any(t => t.ToLowerInvariant().Contains(_lower, StringComparison.Ordinal))) return true;
        if (_words.Count == 0) return false;
        var held = texts.SelectMany(Words).ToHashSet(StringComparer.Ordinal);
        return _words.All(word => held.Any(candidate => Near(word, candidate)));
    }

    private static bool AnyAsciiWordNear(string word, ReadOnlySpan<char> lower)
    {
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            if (i < lower.Length && char.IsAsciiLetterOrDigit(lower[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0 && Near(word, lower[start..i])) return true;
            start = -1;
        }
        return false;
    }

    /// <summary>Whether <paramref name="candidate"/> (a word of a text) is near the query word <paramref name="word"/>.</summary>
    internal static bool Near(string word, ReadOnlySpan<char> candidate)
    {
        if (candidate.StartsWith(word)) return true;
        var allowed = word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
        return allowed > 0 && Math.Abs(word.Length - candidate.Length) <= allowed && Distance(word, candidate, allowed) <= allowed;
    }

    /// <summary>Edit distance with adjacent swaps (optimal string alignment), stopping early once past <paramref name="bound"/>.</summary>
    private static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int bound)
    {
        Span<int> rows = b.Length + 1 <= 128 ? stackalloc int[3 * (b.Length + 1)] : new int[3 * (b.Length + 1)];
        var previous2 = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows.Slice(2 * (b.Length + 1), b.Length + 1);
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                best = Math.Min(best, current[j]);
            }
            if (best > bound) return best;
            var spare = previous2;
            previous2 = previous;
            previous = current;
            current = spare;
        }
        return previous[b.Length];
    }

    /// <summary>Lower-case words with accents dropped: letters and digits, everything else a separator.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }
}
