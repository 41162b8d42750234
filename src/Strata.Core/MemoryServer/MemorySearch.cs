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
    public bool MayMatch(string? text) => text is null || Matches([text]);

    private bool Matches(IReadOnlyList<string> texts)
    {
        if (texts.Any(t => t.ToLowerInvariant().Contains(_lower, StringComparison.Ordinal))) return true;
        if (_words.Count == 0) return false;
        var held = texts.SelectMany(Words).ToHashSet(StringComparer.Ordinal);
        return _words.All(word => held.Any(candidate => Near(word, candidate)));
    }

    private static bool Near(string word, string candidate)
    {
        if (candidate.StartsWith(word, StringComparison.Ordinal)) return true;
        var allowed = word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
        return allowed > 0 && Math.Abs(word.Length - candidate.Length) <= allowed && Distance(word, candidate, allowed) <= allowed;
    }

    /// <summary>Edit distance with adjacent swaps (optimal string alignment), stopping early once past <paramref name="bound"/>.</summary>
    private static int Distance(string a, string b, int bound)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
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
            (previous2, previous, current) = (previous, current, previous2);
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
