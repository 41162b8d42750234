using Strata.Core.Imports;

namespace Strata.Formats.Chat;

/// <summary>What the quick pass knows of one conversation without a model, as the core keeps it
/// (<see cref="ConversationQuickStats"/>). Its richness, 0–1, says how much a conversation is likely to tell about its
/// person — long user turns, many of them, first-person statements — so the full pass can start with the richest.</summary>
public static class ConversationStatistics
{
    public static ConversationQuickStats Of(CanonicalConversation conversation)
    {
        int users = 0, assistants = 0, firstPerson = 0;
        long userChars = 0, assistantChars = 0;
        DateTimeOffset? first = null, last = null;
        foreach (var message in conversation.Messages)
        {
            var text = message.Text;
            if (message.Role == "user")
            {
                users++;
                userChars += text.Length;
                firstPerson += FirstPerson.Count(text);
            }
            else if (message.Role == "assistant")
            {
                assistants++;
                assistantChars += text.Length;
            }
            if (message.CreatedAt is { } at)
            {
                first = first is null || at < first ? at : first;
                last = last is null || at > last ? at : last;
            }
        }
        first ??= conversation.CreatedAt;
        last ??= conversation.UpdatedAt ?? first;
        return new ConversationQuickStats(users, assistants, userChars, assistantChars, firstPerson, first, last,
            RichnessOf(users, userChars, firstPerson));
    }

    /// <summary>Each signal saturates (a 50-turn chat is not ten times richer than a 5-turn one), then they are averaged.</summary>
    private static double RichnessOf(int userMessages, long userCharacters, int firstPerson) =>
        Math.Round((Saturate(userMessages, 10) + Saturate(userCharacters, 4_000) + Saturate(firstPerson, 8)) / 3, 4);

    private static double Saturate(double value, double half) => value / (value + half);
}
