using System.Globalization;
using System.Text;

namespace Strata.Core.Recall;

/// <summary>The context string: the results in rank order, each headed by a citation ([1] message · Caroline ·
/// 2023-05-08 · "Weekend" · conversation c1 message m1), whole pieces while they fit the token budget (four characters
/// a token); the first piece is cut to fit rather than left out, and a cut piece ends with "…".</summary>
public static class RecallContextText
{
    public const int CharactersPerToken = 4;

    public static (string Text, int Tokens) Of(IReadOnlyList<RecallResult> results, int tokenBudget)
    {
        var budget = tokenBudget * CharactersPerToken;
        var text = new StringBuilder();
        for (var i = 0; i < results.Count; i++)
        {
            var piece = $"[{i + 1}] {Citation(results[i])}\n{results[i].Text}\n\n";
            if (text.Length + piece.Length > budget)
            {
                if (text.Length == 0) text.Append(piece.AsSpan(0, Math.Max(0, budget - 1))).Append('…');
                break;
            }
            text.Append(piece);
        }
        var value = text.ToString().TrimEnd();
        return (value, (value.Length + CharactersPerToken - 1) / CharactersPerToken);
    }

    public static string Citation(RecallResult result)
    {
        var p = result.Provenance;
        var parts = new List<string> { result.Kind };
        if (p.Speaker is { } speaker) parts.Add(speaker);
        else if (p.Role is { } role) parts.Add(role);
        if (p.Time is { } time) parts.Add(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        if (p.DocumentName is { } name) parts.Add($"\"{name}\"");
        if (p.MessageId is { } message) parts.Add($"conversation {p.ConversationId} message {message}");
        else if (p.BlockUid is { } block) parts.Add($"block {block}");
        if (p.EntityId is { } entity) parts.Add(entity);
        if (p.Field is { } field) parts.Add($"field {field}");
        if (p.ObservationId is { } observation) parts.Add($"observation {observation} run {p.RunId}");
        return string.Join(" · ", parts);
    }
}
