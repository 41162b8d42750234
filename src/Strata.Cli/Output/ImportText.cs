using System.Globalization;
using System.Text;
using Strata.Core.Imports;

namespace Strata.Cli.Output;

/// <summary>An import as a person reads it: status, counts, the full pass's progress, the profile's topics, the error.</summary>
internal static class ImportText
{
    public static string Of(ImportList list)
    {
        var table = new TextTable("IMPORT", "KIND", "STATUS", "CONVERSATIONS", "CREATED", "ERROR");
        foreach (var i in list.Imports)
        {
            table.Add(i.ImportId, i.Kind, i.Status, i.Counts.Conversations.ToString(CultureInfo.InvariantCulture),
                i.CreatedAt.ToString("u", CultureInfo.InvariantCulture), i.Error ?? "");
        }
        return $"{table}{PageLine.Of(list.Imports.Count, "import", list.Total, list.NextCursor)}";
    }

    public static string Of(ChatImportView import)
    {
        var text = new StringBuilder();
        var c = import.Counts;
        text.AppendLine(CultureInfo.InvariantCulture, $"import {import.ImportId} ({import.Provider}, pipeline {import.PipelineVersion}): {import.Status}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  conversations: {c.Conversations:N0} read, {c.ConversationsAdded:N0} new or changed, {c.ConversationsUnchanged:N0} already imported");
        text.AppendLine(CultureInfo.InvariantCulture, $"  messages: {c.Messages:N0}; facts: {c.Facts:N0}");
        var queued = import.FullPassQueued ? ", queued" : "";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  full pass: {import.Progress.FullPassConversations:N0} of {import.Progress.QuickPassConversations:N0} conversations ({import.Progress.FullPassFraction:P0}){queued}");
        if (import.Profile is { } profile)
        {
            var months = profile.ConversationsPerMonth.Keys.ToList();
            if (months.Count > 0) text.AppendLine(CultureInfo.InvariantCulture, $"  active: {months[0]} to {months[^1]} ({months.Count} months)");
            if (profile.Topics.Count > 0) text.AppendLine("  topics: " + string.Join(", ", profile.Topics.Take(10).Select(t => t.Term)));
        }
        if (import.ProjectsSourceId is { } projects) text.AppendLine("  projects: read from projects.json (source " + projects + ") into project entities");
        if (import.Error is { } error) text.AppendLine("  error: " + error);
        if (import.Status is ChatImportStatuses.QuickReady or ChatImportStatuses.Complete) text.Append("  read it: strata memory");
        return text.ToString().TrimEnd() + "\n";
    }
}
