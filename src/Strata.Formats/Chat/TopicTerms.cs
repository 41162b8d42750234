namespace Strata.Formats.Chat;

/// <summary>Candidate topic words of a text: lower-case words of four letters or more that are not common English
/// function words.</summary>
internal static class TopicTerms
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "about", "above", "after", "again", "also", "been", "before", "being", "below", "between", "both", "could", "does", "doing",
        "down", "during", "each", "even", "from", "further", "have", "having", "here", "into", "just", "like", "make", "more", "most",
        "much", "must", "need", "only", "other", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then",
        "there", "these", "they", "this", "those", "through", "under", "until", "very", "want", "were", "what", "when", "where",
        "which", "while", "will", "with", "would", "your", "yours", "please", "thanks", "thank", "know", "something", "using", "want",
    };

    public static IEnumerable<string> Of(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start is >= 4 and <= 30)
                {
                    var word = text[start..i].ToLowerInvariant();
                    if (!Stop.Contains(word))
                    {
                        yield return word;
                    }
                }
                start = -1;
            }
        }
    }
}
