using System.Text.Json;

namespace Strata.Bench.Recall;

/// <summary>A labelled long-conversation set: messages.jsonl (the import messages format, each haystack's conversation
/// ids prefixed by its name and a dash) and questions.jsonl ({haystack, question_id, question, asked_at, kind,
/// evidence_message_ids, evidence_conversation_ids}). bench/recall-dev holds the development set.</summary>
public sealed record RecallEvalQuestion(string Haystack, string Id, string Question, DateTimeOffset? AskedAt, string Kind,
    IReadOnlyList<string> EvidenceMessages, IReadOnlyList<string> EvidenceConversations);

public static class RecallEvalData
{
    public const string DataOption = "--recall-data=";

    /// <summary>The folder named by <c>--recall-data=DIR</c>, else bench/recall-dev found above the working directory.</summary>
    public static string Folder()
    {
        var given = Environment.GetCommandLineArgs().LastOrDefault(a => a.StartsWith(DataOption, StringComparison.Ordinal));
        if (given is not null) return Path.GetFullPath(given[DataOption.Length..]);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "recall-dev");
            if (File.Exists(Path.Combine(candidate, "questions.jsonl"))) return candidate;
        }
        throw new InvalidOperationException("No bench/recall-dev above the working directory: run from the repository or pass --recall-data=DIR.");
    }

    public static IReadOnlyList<RecallEvalQuestion> Questions(string folder) => File.ReadLines(Path.Combine(folder, "questions.jsonl"))
        .Where(l => l.Length > 0)
        .Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var q = json.RootElement;
            return new RecallEvalQuestion(q.GetProperty("haystack").GetString()!, q.GetProperty("question_id").GetString()!,
                q.GetProperty("question").GetString()!,
                q.TryGetProperty("asked_at", out var at) && at.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(at.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null,
                q.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "" : "",
                q.GetProperty("evidence_message_ids").EnumerateArray().Select(e => e.GetString()!).ToList(),
                q.GetProperty("evidence_conversation_ids").EnumerateArray().Select(e => e.GetString()!).ToList());
        }).ToList();

    /// <summary>Writes each haystack's lines to its own file (lines stay in order), so each is imported for its own user.</summary>
    public static Dictionary<string, string> SplitByHaystack(string folder, string into, IReadOnlySet<string> haystacks)
    {
        var files = new Dictionary<string, StreamWriter>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "messages.jsonl")))
        {
            if (line.Length == 0) continue;
            using var json = JsonDocument.Parse(line);
            var conversation = json.RootElement.GetProperty("conversation_id").GetString()!;
            var haystack = conversation[..conversation.IndexOf('-', StringComparison.Ordinal)];
            if (!haystacks.Contains(haystack)) continue;
            if (!files.TryGetValue(haystack, out var writer)) files[haystack] = writer = new StreamWriter(Path.Combine(into, haystack + ".jsonl"));
            writer.WriteLine(line);
        }
        foreach (var writer in files.Values) writer.Dispose();
        return files.Keys.ToDictionary(h => h, h => Path.Combine(into, h + ".jsonl"), StringComparer.Ordinal);
    }
}
