using Strata.Core.Imports;
namespace Strata.Formats.Chat;

/// <summary>
/// The quick pass's picture of a whole history, built a conversation at a time in bounded memory: counts, the months
/// the person was active, and the topics they return to most — terms of their own messages weighted by how many
/// conversations use them against how common they are overall (tf-idf over conversations).
/// </summary>
public sealed class HistoryProfile
{
    /// <summary>Distinct terms kept; past it, the rarest are dropped (a term seen once in a huge history is no topic).</summary>
    public const int MaxTerms = 50_000;

    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _months = new(StringComparer.Ordinal);

    public int Conversations { get; private set; }

    public int Messages { get; private set; }

    public int UserMessages { get; private set; }

    public IReadOnlyDictionary<string, int> ConversationsPerMonth => _months;

    public void Add(CanonicalConversation conversation, Core.Imports.ConversationQuickStats statistics)
    {
        Conversations++;
        Messages += conversation.Messages.Count;
        UserMessages += statistics.UserMessages;
        if (statistics.FirstMessageAt is { } at)
        {
            var month = at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            _months[month] = _months.GetValueOrDefault(month) + 1;
        }
        var terms = conversation.Messages.Where(m => m.Role == "user").SelectMany(m => TopicTerms.Of(m.Text)).ToHashSet(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }
        if (_documentFrequency.Count > MaxTerms)
        {
            Prune();
        }
    }

    /// <summary>The terms most conversations return to, weighted so that a term in every conversation (a habit of
    /// speech) ranks below one in many but not all.</summary>
    public IReadOnlyList<(string Term, int Conversations, double Weight)> Topics(int count)
    {
        var total = Math.Max(1, Conversations);
        return _documentFrequency
            .Where(t => t.Value >= 2 || total < 3)
            .Select(t => (t.Key, t.Value, Weight: Math.Round(t.Value * Math.Log(1 + (double)total / t.Value), 4)))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    private void Prune()
    {
        var threshold = _documentFrequency.Values.Order().ElementAt(_documentFrequency.Count / 2);
        foreach (var term in _documentFrequency.Where(t => t.Value <= threshold).Select(t => t.Key).ToList())
        {
            _documentFrequency.Remove(term);
        }
    }
}
