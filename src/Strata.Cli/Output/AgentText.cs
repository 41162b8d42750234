using System.Text;
using Strata.Core.Operations;

namespace Strata.Cli.Output;

/// <summary>How the agent-interpretation results read to a person.</summary>
internal static partial class HumanText
{
    /// <summary>The page itself, then where it sits (on standard error's side of the page: a blank line and a note).</summary>
    public static string Of(SourceContentView page)
    {
        var text = new StringBuilder(page.Text);
        if (page.Text.Length > 0 && page.Text[^1] != '\n') text.Append('\n');
        text.Append($"-- characters {page.Offset}–{page.Offset + page.Length} of {page.TotalLength}");
        text.Append(page.NextOffset is { } next ? $"; next page: --offset {next}\n" : "; end of text\n");
        return text.ToString();
    }

    public static string Of(AgentInterpretationResult r)
    {
        var table = new TextTable("ENTITY", "TYPE", "ACTION", "OBSERVATION");
        foreach (var e in r.Entities) table.Add(e.EntityId, e.EntityType, e.Action, e.ObservationId);
        var found = r.Evidence.Count(e => e.EvidenceFound);
        var evidence = r.Evidence.Count == 0 ? "no evidence quotes" : $"{found} of {Plural.Count(r.Evidence.Count, "evidence quote")} found in the source";
        return $"source {r.SourceId}, run {r.RunId} (interpreter {r.Agent}{(r.Model is null ? "" : ", model " + r.Model)}), "
            + $"{Plural.Count(r.UnknownFieldsCount, "unknown field")}, {evidence}\n{table}";
    }
}
