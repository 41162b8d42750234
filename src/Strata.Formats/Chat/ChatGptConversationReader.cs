using System.Text.Json;
using Strata.Core.Imports;

namespace Strata.Formats.Chat;

/// <summary>
/// One ChatGPT conversation (an element of <c>conversations.json</c>): its messages form a tree in <c>mapping</c>,
/// and the active branch is walked from <c>current_node</c> up its parents. Documented rules for what is kept:
/// <list type="bullet">
/// <item>No <c>current_node</c>: the leaf with the latest message time is the branch's end. No parent links at all
/// (some exporters): every message in mapping order.</item>
/// <item>Messages hidden from the conversation view (<c>is_visually_hidden_from_conversation</c>) are left out, but
/// the user's custom instructions (<c>user_editable_context</c>) are kept as a system message: they are the user's
/// own words about themselves.</item>
/// <item>Text and multimodal text become text parts, code becomes code, execution output and browsing results become
/// tool results, thoughts and reasoning recaps become thinking; images and files become named attachments; any
/// other content type is kept as an <c>unknown:&lt;type&gt;</c> part holding its JSON.</item>
/// </list>
/// </summary>
internal static class ChatGptConversationReader
{
    public static CanonicalConversation Read(JsonElement conversation, int index)
    {
        var mapping = conversation.Child("mapping") is { ValueKind: JsonValueKind.Object } m
            ? m.EnumerateObject().Select(p => (Id: p.Name, Node: p.Value)).ToList()
            : [];
        var messages = Branch(conversation, mapping)
            .Select(node => node.Child("message"))
            .OfType<JsonElement>()
            .Select(ChatGptMessageReader.Read)
            .OfType<CanonicalMessage>()
            .ToList();
        var id = conversation.String("conversation_id") ?? conversation.String("id") ?? $"chatgpt-conversation-{index}";
        var project = conversation.String("gizmo_type") == "snorlax" ? conversation.String("gizmo_id") : null;
        return new CanonicalConversation("chatgpt", id, conversation.String("title"), conversation.Time("create_time"),
            conversation.Time("update_time"), project, messages);
    }

    /// <summary>The active branch's nodes, root first.</summary>
    private static IEnumerable<JsonElement> Branch(JsonElement conversation, List<(string Id, JsonElement Node)> mapping)
    {
        var nodes = mapping.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First().Node);
        if (!mapping.Any(n => n.Node.String("parent") is not null))
        {
            return mapping.Select(n => n.Node);
        }
        var end = conversation.String("current_node") is { } current && nodes.ContainsKey(current) ? current : LatestLeaf(mapping, nodes);
        var branch = new List<JsonElement>();
        var seen = new HashSet<string>();
        for (var id = end; id is not null && seen.Add(id) && nodes.TryGetValue(id, out var node); id = node.String("parent"))
        {
            branch.Add(node);
        }
        branch.Reverse();
        return branch;
    }

    private static string? LatestLeaf(List<(string Id, JsonElement Node)> mapping, Dictionary<string, JsonElement> nodes)
    {
        string? best = null;
        var bestTime = DateTimeOffset.MinValue;
        foreach (var (id, node) in mapping)
        {
            var isLeaf = !node.Array("children").Any(c => c.ValueKind == JsonValueKind.String && nodes.ContainsKey(c.GetString()!));
            var time = node.Child("message")?.Time("create_time") ?? DateTimeOffset.MinValue;
            if (isLeaf && (best is null || time >= bestTime))
            {
                best = id;
                bestTime = time;
            }
        }
        return best;
    }
}
