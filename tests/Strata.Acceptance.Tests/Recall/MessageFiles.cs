using System.Text;
using System.Text.Json;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>Message files (JSON Lines) for tests, one line per message.</summary>
internal static class MessageFiles
{
    public sealed record Line(string Conversation, string Id, string Speaker, string? Time, string Text, string? Title = null, string Role = "user");

    public static MemoryStream Of(params Line[] lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["conversation_id"] = line.Conversation,
                ["conversation_title"] = line.Title,
                ["message_id"] = line.Id,
                ["speaker"] = line.Speaker,
                ["role"] = line.Role,
                ["time"] = line.Time,
                ["text"] = line.Text,
            })).Append('\n');
        }
        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Two sessions between Caroline and Melanie, with planted facts among small talk.</summary>
    public static Line[] Friends() =>
    [
        new("s1", "s1-1", "Caroline", "2023-05-08T13:56:00Z", "Hey Mel! Guess what, I finally went to the adoption agency on Friday.", "Catching up"),
        new("s1", "s1-2", "Melanie", "2023-05-08T13:57:00Z", "Wow, that's huge! How did it feel?"),
        new("s1", "s1-3", "Caroline", "2023-05-08T13:58:00Z", "Nervous but hopeful. They said the paperwork takes about six months."),
        new("s1", "s1-4", "Melanie", "2023-05-08T13:59:00Z", "I painted a sunrise over the lake last weekend, by the way."),
        new("s1", "s1-5", "Caroline", "2023-05-08T14:00:00Z", "Send me a picture of the painting!"),
        new("s2", "s2-1", "Melanie", "2023-08-20T09:00:00Z", "We took the kids camping at Lake Tahoe, it was great.", "Summer news"),
        new("s2", "s2-2", "Caroline", "2023-08-20T09:01:00Z", "Lucky you. My new job at the hospital starts in September."),
        new("s2", "s2-3", "Melanie", "2023-08-20T09:02:00Z", "Congratulations! What will you be doing there?"),
        new("s2", "s2-4", "Caroline", "2023-08-20T09:03:00Z", "Counselling teenagers, mostly. I'm really excited."),
        new("s2", "s2-5", "Melanie", "2023-08-20T09:04:00Z", "By the way, my deploy-v2.4.7-hotfix finally shipped at work."),
    ];
}
