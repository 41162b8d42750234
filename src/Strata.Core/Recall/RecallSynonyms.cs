using System.IO.Compression;

namespace Strata.Core.Recall;

/// <summary>
/// Query expansion from a compact synonym table generated from WordNet 3.0 (Recall/WordNet: the generator and WordNet's
/// licence): a question's "automobile" also asks for "car". Expanded terms are a signal of their own, fused at a lower
/// weight, so a synonym never outranks the words the question used. The table (44,000 lemmas, 0.4 MB) is read once.
/// </summary>
public sealed class RecallSynonyms
{
    private readonly Lazy<Dictionary<string, string[]>> _table;

    private RecallSynonyms(Func<Dictionary<string, string[]>> load) => _table = new(load);

    /// <summary>The table shipped with Strata.</summary>
    public static RecallSynonyms WordNet { get; } = new(Load);

    /// <summary>No expansion.</summary>
    public static RecallSynonyms None { get; } = new(() => []);

    /// <summary>The stemmed terms of the synonyms of the question's words (the question's own terms included, the caller
    /// takes them out).</summary>
    public IEnumerable<string> Expand(string question)
    {
        var table = _table.Value;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in RecallTerms.Words(question))
        {
            if (RecallTerms.StopWords.Contains(word)) continue;
            foreach (var lemma in Lemmas(word))
            {
                if (!table.TryGetValue(lemma, out var synonyms)) continue;
                foreach (var synonym in synonyms)
                {
                    foreach (var term in RecallTerms.Of(synonym))
                    {
                        if (seen.Add(term)) yield return term;
                    }
                }
                break;
            }
        }
    }

    /// <summary>The word and the dictionary forms its common endings suggest (WordNet lists lemmas, not "adopted").</summary>
    private static IEnumerable<string> Lemmas(string word)
    {
        yield return word;
        foreach (var (ending, replacement) in new[] { ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e") })
        {
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.Ordinal)) yield return word[..^ending.Length] + replacement;
        }
    }

    private static Dictionary<string, string[]> Load() => ReadTable("synonyms.tsv.gz");

    /// <summary>One of the WordNet tables embedded in Strata.Core (Recall/WordNet): a word, a tab, its words.</summary>
    internal static Dictionary<string, string[]> ReadTable(string name)
    {
        var table = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var resource = typeof(RecallSynonyms).Assembly.GetManifestResourceStream("Strata.Core.Recall." + name)
            ?? throw new InvalidOperationException($"The table {name} is not embedded in Strata.Core.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab > 0) table[line[..tab]] = line[(tab + 1)..].Split(' ');
        }
        return table;
    }
}
