using System.Globalization;
using System.Text;
using Strata.Core.Imports;

namespace Strata.Cli.Output;

/// <summary>A chat fact's evidence as a person reads it: per field, the message it was said in and the exact words.</summary>
internal static class ChatEvidenceText
{
    public static string Of(ChatEvidenceView view)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"observation {view.ObservationId} of {view.EntityId}");
        if (view.Evidence.Count == 0)
        {
            text.AppendLine("  no chat evidence: this value did not come from a chat import's full pass"
                + (view.SourceId is { } source ? $" (its source: {source}; see strata provenance {view.EntityId} FIELD)" : ""));
        }
        foreach (var e in view.Evidence)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {e.Field}: conversation \"{e.ConversationTitle ?? e.ConversationId}\" ({e.ConversationId}), message {e.MessageIndex} ({e.MessageId}), {e.Role}{(e.Time is { } t ? ", " + t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "")}");
            text.AppendLine(e.Found
                ? string.Create(CultureInfo.InvariantCulture, $"    characters {e.CharStart}–{e.CharStart + e.CharLength}: \"{e.Text}\"")
                : $"    quote not found in one message: \"{e.Quote}\"");
            text.AppendLine(CultureInfo.InvariantCulture, $"    block {e.BlockUid}; source {e.SourceId}; import {e.ImportId}");
        }
        return text.ToString();
    }
}
