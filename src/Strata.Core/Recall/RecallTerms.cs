using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Strata.Core.Recall;

/// <summary>
/// The words recall indexes and asks for, the same at both ends: lower-cased letters and digits, English stop words
/// dropped, each word stemmed (Snowball English, from Lucene.Net) so "adopted", "adopting" and "adoption" meet. A token
/// joined by <c>- . _ / :</c> (<c>deploy-v2.4.7-hotfix</c>, <c>a.b@c.com</c>) is also kept whole, unstemmed, so an exact
/// identifier is found as itself and not only by its pieces.
/// </summary>
public static class RecallTerms
{
    /// <summary>The longest term kept: longer runs are not words anyone asks for.</summary>
    public const int MaxTermLength = 64;

    [ThreadStatic] private static EnglishStemmer? _stemmer;

    public static List<string> Of(string text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        var whole = new StringBuilder();
        var joined = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                whole.Append(char.ToLowerInvariant(c));
                continue;
            }
            Flush(word, terms);
            if (c is '-' or '.' or '_' or '/' or ':' or '@' && whole.Length > 0)
            {
                whole.Append(c);
                joined = true;
                continue;
            }
            FlushWhole(whole, joined, terms);
            joined = false;
        }
        Flush(word, terms);
        FlushWhole(whole, joined, terms);
        return terms;
    }

    /// <summary>A text's words before stemming and stop words: its runs of letters and digits, lower-cased ("Ada's" is
    /// "ada" and "s", "I'll" is "i" and "ll", <c>deploy-v2.4.7</c> is "deploy", "v2", "4", "7"). The words a question
    /// looks up by other means than the message index (entity names, synonyms), cut as the index cuts them.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>Counts per term, in first-seen order.</summary>
    public static Dictionary<string, int> Counts(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in Of(text)) counts[term] = counts.GetValueOrDefault(term) + 1;
        return counts;
    }

    /// <summary>The stem of one lower-cased word (no stop-word check).</summary>
    public static string Stem(string word)
    {
        var stemmer = _stemmer ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static void Flush(StringBuilder word, List<string> terms)
    {
        if (word.Length == 0) return;
        var text = word.ToString();
        word.Clear();
        if (text.Length > MaxTermLength || StopWords.Contains(text)) return;
        terms.Add(text.All(char.IsAsciiDigit) ? text : Stem(text));
    }

    private static void FlushWhole(StringBuilder whole, bool joined, List<string> terms)
    {
        var text = whole.ToString().TrimEnd('-', '.', '_', '/', ':', '@');
        whole.Clear();
        if (joined && text.Length is > 2 and <= MaxTermLength && text.IndexOfAny(['-', '.', '_', '/', ':', '@']) > 0)
        {
            terms.Add(text);
        }
    }

    /// <summary>Words too common to tell messages apart; a question's own "what did I say" would otherwise cost more to
    /// read than all its other words.</summary>
    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "for", "from", "get", "got",
        "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "me", "mine", "more", "most", "my", "myself", "no", "nor", "not", "now",
        "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "s", "same", "she",
        "should", "so", "some", "such", "t", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
        "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
        "yourselves", "ll", "re", "ve", "d", "m", "don", "didn", "doesn", "isn", "wasn", "let", "us", "yes", "yeah", "oh",
    };
}
