using Strata.Core.Imports;
using Strata.Formats.Chat;

namespace Strata.Formats.Tests.Chat;

public sealed class QuickPassTests
{
    private static CanonicalConversation Conversation(string id, DateTimeOffset at, params (string Role, string Text)[] messages) =>
        new("claude", id, id, at, at, null,
            messages.Select((m, i) => CanonicalMessage.Of($"{id}-{i}", m.Role, at.AddMinutes(i), [new CanonicalPart(ConversationPartKinds.Text, m.Text)], []))
                .ToList());

    [Fact]
    public void A_conversation_where_the_person_talks_about_themselves_is_richer_than_a_one_line_question()
    {
        var at = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var rich = ConversationStatistics.Of(Conversation("rich", at,
            ("user", "I am a nurse in Leeds. My wife runs a bakery. I prefer short answers."), ("assistant", "Noted."),
            ("user", "I decided to move to night shifts next month because my daughter starts school."), ("assistant", "Okay.")));
        var thin = ConversationStatistics.Of(Conversation("thin", at, ("user", "What is 2+2?"), ("assistant", "4")));

        Assert.Equal(2, rich.UserMessages);
        Assert.Equal(4, rich.FirstPersonStatements);
        Assert.True(rich.Richness > thin.Richness * 2);
        Assert.InRange(rich.Richness, 0, 1);
        Assert.Equal(at, rich.FirstMessageAt);
        Assert.Equal(at.AddMinutes(3), rich.LastMessageAt);
    }

    [Fact]
    public void The_profile_counts_active_months_and_ranks_returning_topics_above_one_off_words()
    {
        var profile = new HistoryProfile();
        for (var i = 0; i < 12; i++)
        {
            var at = new DateTimeOffset(2024, 1 + i % 3, 5, 0, 0, 0, TimeSpan.Zero);
            var text = i % 2 == 0 ? $"my sourdough starter is sluggish again because it is cold, day {i}" : $"help with kubernetes ingress number {i}, really";
            var conversation = Conversation($"c{i}", at, ("user", text + (i == 0 ? " zeppelin" : "")), ("assistant", "sure"));
            profile.Add(conversation, ConversationStatistics.Of(conversation));
        }

        Assert.Equal(12, profile.Conversations);
        Assert.Equal(24, profile.Messages);
        Assert.Equal(new Dictionary<string, int> { ["2024-01"] = 4, ["2024-02"] = 4, ["2024-03"] = 4 }, profile.ConversationsPerMonth);
        var topics = profile.Topics(8).Select(t => t.Term).ToList();
        Assert.Contains("sourdough", topics);
        Assert.Contains("kubernetes", topics);
        Assert.DoesNotContain("zeppelin", topics);
        // Function words and fillers return in every conversation too, and are no topic.
        Assert.DoesNotContain("because", topics);
        Assert.DoesNotContain("really", topics);
    }
}
