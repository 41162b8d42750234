namespace Strata.Core.Recall;

/// <summary>
/// Irregular word forms, from WordNet 3.0's exception lists (Recall/WordNet: the generator and WordNet's licence). The
/// stemmer meets "adopted" and "adopt", not "bought" and "buy" nor "children" and "child": a question's word also asks
/// for its dictionary form and that form's other irregular forms ("what did Tom buy" finds "I bought a canoe", "when do
/// we get our pay" finds "salaries are paid on the 25th"), and BM25 scores the word and its forms as one word
/// (<see cref="Bm25"/>). Only the question is expanded: the index, and stores indexed before, are unchanged. The table
/// (4,134 forms, 22 KB) is read once.
/// </summary>
public static class RecallInflections
{
    private static readonly Lazy<(Dictionary<string, string[]> Lemmas, Dictionary<string, List<string>> Forms)> Table = new(Load);

    /// <summary>The question's <paramref name="terms"/> (at most <paramref name="max"/>), each followed by the stemmed
    /// terms of its word's other forms while there is room for <paramref name="max"/> more; <paramref name="forms"/> gets
    /// the terms that are forms (BM25 scores a term and the forms after it as one word).</summary>
    public static List<string> WithForms(string question, IReadOnlyList<string> terms, int max, HashSet<string> forms)
    {
        var (lemmas, formsOf) = Table.Value;
        var others = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var word in RecallTerms.Words(question))
        {
            if (RecallTerms.StopWords.Contains(word) || word.Length > RecallTerms.MaxTermLength) continue;
            var term = RecallTerms.Stem(word);
            if (others.ContainsKey(term)) continue;
            var list = others[term] = [];
            IEnumerable<string> dictionaryForms = lemmas.TryGetValue(word, out var found) ? found : [word];
            foreach (var lemma in dictionaryForms)
            {
                IEnumerable<string> related = formsOf.TryGetValue(lemma, out var irregular) ? irregular.Prepend(lemma) : [lemma];
                list.AddRange(related.Where(f => !RecallTerms.StopWords.Contains(f)).Select(RecallTerms.Stem));
            }
        }
        var kept = terms.Take(max).ToList();
        var searched = new List<string>(kept.Count);
        var all = kept.ToHashSet(StringComparer.Ordinal);
        foreach (var term in kept)
        {
            searched.Add(term);
            if (!others.TryGetValue(term, out var list)) continue;
            foreach (var form in list)
            {
                if (searched.Count >= kept.Count + max) break;
                if (all.Add(form))
                {
                    searched.Add(form);
                    forms.Add(form);
                }
            }
        }
        return searched;
    }

    private static (Dictionary<string, string[]>, Dictionary<string, List<string>>) Load()
    {
        var lemmas = RecallSynonyms.ReadTable("inflections.tsv.gz");
        var forms = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (form, dictionaryForms) in lemmas)
        {
            foreach (var lemma in dictionaryForms)
            {
                if (!forms.TryGetValue(lemma, out var list)) forms[lemma] = list = [];
                list.Add(form);
            }
        }
        return (lemmas, forms);
    }
}
