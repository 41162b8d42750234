namespace Strata.Core.Imports;

/// <summary>One conversation of an import: which source holds it, what the quick pass found, and how far the full
/// pass is with it (<c>pending</c>, <c>done</c> or <c>failed</c>, with the run that read it).</summary>
public sealed record ImportedConversation(
    string ImportId,
    int Position,
    string SourceId,
    string ConversationId,
    string? Title,
    int Messages,
    double Richness,
    string StatisticsJson,
    DateTimeOffset? LastMessageAt,
    string PassStatus,
    string? RunId,
    int Facts);

public static class PassStatuses
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>What the quick pass keeps of one conversation.</summary>
public sealed record ConversationQuickStats(
    int UserMessages,
    int AssistantMessages,
    long UserCharacters,
    long AssistantCharacters,
    int FirstPersonStatements,
    DateTimeOffset? FirstMessageAt,
    DateTimeOffset? LastMessageAt,
    double Richness);

/// <summary>The quick pass's profile of a whole history.</summary>
public sealed record HistoryProfileView(
    int Conversations,
    int Messages,
    int UserMessages,
    IReadOnlyDictionary<string, int> ConversationsPerMonth,
    IReadOnlyList<TopicView> Topics);

public sealed record TopicView(string Term, int Conversations, double Weight);
