namespace Strata.Formats.Chat;

/// <summary>Candidate topic words of a text: lower-case words of four letters or more that are not common English
/// function words or fillers ("because", "really", "anyway": a profile of two conversations would list them).</summary>
internal static class TopicTerms
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "about", "above", "after", "again", "also", "been", "before", "being", "below", "between", "both", "could", "does", "doing",
        "down", "during", "each", "even", "from", "further", "have", "having", "here", "into", "just", "like", "make", "more", "most",
        "much", "must", "need", "only", "other", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then",
        "there", "these", "they", "this", "those", "through", "under", "until", "very", "want", "were", "what", "when", "where",
        "which", "while", "will", "with", "would", "your", "yours", "please", "thanks", "thank", "know", "something", "using",
        "because", "really", "maybe", "actually", "though", "although", "since", "still", "every", "many", "anyway", "okay",
        "yeah", "sure", "perhaps", "quite", "rather", "almost", "already", "always", "never", "often", "ever", "whether",
        "within", "without", "across", "around", "among", "against", "toward", "towards", "upon", "onto", "else", "ours",
        "theirs", "hers", "mine", "yourself", "myself", "itself", "anything", "everything", "nothing", "someone", "anyone",
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
