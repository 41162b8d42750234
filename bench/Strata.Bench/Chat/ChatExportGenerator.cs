using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Strata.Bench.Chat;

/// <summary>
/// Synthetic chat exports, deterministic for a seed: ChatGPT (<c>mapping</c> trees with a regenerated branch every
/// fifth conversation, <c>current_node</c> on the active leaf) or Claude (<c>chat_messages</c>), with short and long
/// messages and first-person statements. Written as they are generated: memory never holds the export.
/// </summary>
public static class ChatExportGenerator
{
    private static readonly string[] Topics = ["coffee", "rust", "gardening", "taxes", "running", "kafka", "piano", "lisbon", "postgres", "sourdough"];

    /// <param name="longWords">Words in a long message (every third message is long).</param>
    public static async Task<long> WriteAsync(string path, string provider, int conversations, int longWords, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        await using (var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            await file.WriteAsync('[');
            for (var c = 0; c < conversations; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (c > 0) await file.WriteAsync(',');
                var messages = 2 + random.Next(10);
                var started = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(c * 97L);
                await file.WriteAsync(provider == "chatgpt"
                    ? ChatGpt(c, messages, started, longWords, random)
                    : Claude(c, messages, started, longWords, random));
            }
            await file.WriteAsync(']');
        }
        return new FileInfo(path).Length;
    }

    private static string Text(int c, int m, int longWords, Random random)
    {
        var topic = Topics[(c + m) % Topics.Length];
        var text = new StringBuilder();
        text.Append(m % 2 == 0 ? $"I prefer {topic} in the morning. My project is {topic}-{c % 50}. " : $"Here is what I know about {topic}. ");
        var words = m % 3 == 2 ? longWords : 12 + random.Next(30);
        for (var w = 0; w < words; w++)
        {
            text.Append(Topics[random.Next(Topics.Length)]).Append(w % 17 == 16 ? ". " : " ");
        }
        return text.ToString();
    }

    private static string Claude(int c, int messages, DateTimeOffset started, int longWords, Random random)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("uuid", $"claude-{c}");
            json.WriteString("name", $"Conversation {c}");
            json.WriteString("created_at", started);
            json.WriteString("updated_at", started.AddMinutes(messages));
            json.WriteStartArray("chat_messages");
            for (var m = 0; m < messages; m++)
            {
                json.WriteStartObject();
                json.WriteString("uuid", $"claude-{c}-{m}");
                json.WriteString("sender", m % 2 == 0 ? "human" : "assistant");
                json.WriteString("text", Text(c, m, longWords, random));
                json.WriteString("created_at", started.AddMinutes(m));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ChatGpt(int c, int messages, DateTimeOffset started, int longWords, Random random)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var branch = c % 5 == 0 && messages > 2;
            json.WriteStartObject();
            json.WriteString("id", $"gpt-{c}");
            json.WriteString("title", $"Conversation {c}");
            json.WriteNumber("create_time", started.ToUnixTimeSeconds());
            json.WriteNumber("update_time", started.AddMinutes(messages).ToUnixTimeSeconds());
            json.WriteString("current_node", $"n{c}-{messages - 1}");
            json.WriteStartObject("mapping");
            for (var m = 0; m < messages; m++)
            {
                Node(json, $"n{c}-{m}", m == 0 ? null : $"n{c}-{m - 1}", m % 2 == 0 ? "user" : "assistant", Text(c, m, longWords, random), started.AddMinutes(m));
            }
            if (branch)
            {
                // A regenerated answer left behind: not on the active branch.
                Node(json, $"n{c}-alt", $"n{c}-0", "assistant", "An older answer that was regenerated.", started.AddSeconds(30));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Node(Utf8JsonWriter json, string id, string? parent, string role, string text, DateTimeOffset at)
    {
        json.WriteStartObject(id);
        json.WriteString("id", id);
        if (parent is null) json.WriteNull("parent"); else json.WriteString("parent", parent);
        json.WriteStartObject("message");
        json.WriteString("id", id);
        json.WriteStartObject("author");
        json.WriteString("role", role);
        json.WriteEndObject();
        json.WriteNumber("create_time", at.ToUnixTimeSeconds());
        json.WriteStartObject("content");
        json.WriteString("content_type", "text");
        json.WriteStartArray("parts");
        json.WriteStringValue(text);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
}
