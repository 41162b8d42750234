using System.Text;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>Small exports written by the tests, and the fixture exports copied into the repository (Fixtures/chat).</summary>
internal static class ChatExports
{
    public static string Fixture(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "chat", folder, file);

    /// <summary>A Claude export: each conversation is (id, title, messages as (sender, text, time)).</summary>
    public static MemoryStream Claude(params (string Id, string Title, (string Sender, string Text, string Time)[] Messages)[] conversations)
    {
        var json = new StringBuilder("[");
        for (var c = 0; c < conversations.Length; c++)
        {
            var (id, title, messages) = conversations[c];
            if (c > 0) json.Append(',');
            json.Append($$"""{"uuid":"{{id}}","name":"{{title}}","created_at":"{{messages[0].Time}}","updated_at":"{{messages[^1].Time}}","chat_messages":[""");
            for (var m = 0; m < messages.Length; m++)
            {
                if (m > 0) json.Append(',');
                json.Append($$"""{"uuid":"{{id}}-m{{m}}","sender":"{{messages[m].Sender}}","text":"{{messages[m].Text}}","created_at":"{{messages[m].Time}}"}""");
            }
            json.Append("]}");
        }
        json.Append(']');
        return new MemoryStream(Encoding.UTF8.GetBytes(json.ToString()));
    }
}
