namespace Strata.Sqlite.Storage;

/// <summary>How a piece of a word is asked of the entity trigram index, which keeps no positions (FTS5 detail=none,
/// migration 0480): as every trigram of the word, each a token of its own; the rows found are then checked for the word
/// itself (<see cref="SqliteEntityStore"/>'s substring hits). Public for the benchmarks that time the same match.</summary>
public static class TrigramQuery
{
    /// <summary>Every run of three characters (Unicode code points, as SQLite's trigram tokenizer counts them) in
    /// <paramref name="word"/>, each once, in order; none for a word shorter than that.</summary>
    public static List<string> Trigrams(string word)
    {
        var starts = new List<int>();
        for (var at = 0; at < word.Length; at += char.IsSurrogatePair(word, at) ? 2 : 1) starts.Add(at);
        var trigrams = new List<string>();
        for (var k = 0; k + 2 < starts.Count; k++)
        {
            var end = k + 3 < starts.Count ? starts[k + 3] : word.Length;
            var trigram = word[starts[k]..end];
            if (!trigrams.Contains(trigram)) trigrams.Add(trigram);
        }
        return trigrams;
    }

    /// <summary>The FTS5 query that holds every one of <paramref name="trigrams"/>: each quoted (a quote doubled), so no
    /// character of the user's text is read as query syntax.</summary>
    public static string Match(IEnumerable<string> trigrams) => string.Join(' ', trigrams.Select(t => "\"" + t.Replace("\"", "\"\"") + "\""));
}
