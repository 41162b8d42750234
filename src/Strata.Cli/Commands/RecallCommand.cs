using System.CommandLine;
using System.Globalization;
using System.Text;
using Strata.Cli.Output;
using Strata.Core.Operations;
using Strata.Core.Recall;

namespace Strata.Cli.Commands;

/// <summary><c>strata recall "QUESTION"</c>: ranked evidence with provenance, then the context string (or the JSON
/// answer with --json, the same record REST and MCP return).</summary>
internal static class RecallCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("QUESTION") { Description = "The question, in your own words." };
        var k = new Option<int?>("--k") { Description = "How many results (1-100; default 10)." };
        var kinds = new Option<string?>("--kinds") { Description = "Which layers, comma-separated: message, block, entity, relation, observation (default message, block, entity, relation)." };
        var project = new Option<string?>("--project") { Description = "Only this project's documents and messages (id or name)." };
        var from = new Option<string?>("--from") { Description = "Only messages at or after this time (ISO 8601)." };
        var to = new Option<string?>("--to") { Description = "Only messages before this time (ISO 8601)." };
        var asOf = new Option<string?>("--as-of") { Description = "Answer as things stood then (later messages left out; named times read from it)." };
        var budget = new Option<int?>("--budget") { Description = "Tokens the context string may use (default 2000)." };
        var command = new Command("recall", "Ask your memory a question: ranked messages, blocks and entities with their provenance, and a context string.")
        {
            question, k, kinds, project, from, to, asOf, budget,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var request = new RecallRequest(parse.GetValue(question)!, parse.GetValue(k),
                parse.GetValue(kinds)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), parse.GetValue(project),
                EntityCommands.ParseTime(parse.GetValue(from)), EntityCommands.ParseTime(parse.GetValue(to)), EntityCommands.ParseTime(parse.GetValue(asOf)),
                parse.GetValue(budget));
            var answer = await context.Services.Recall.RecallAsync(context.UserId, request, ct);
            Printer.Print(context.Json, answer, StrataJson.Wire.RecallAnswer, Text);
            return 0;
        }));
        return command;
    }

    private static string Text(RecallAnswer answer)
    {
        var text = new StringBuilder();
        if (answer.Results.Count == 0) text.AppendLine("Nothing found.");
        for (var i = 0; i < answer.Results.Count; i++)
        {
            var result = answer.Results[i];
            var signals = string.Join(", ", result.Scores.Select(s => $"{s.Key} {s.Value.ToString("0.###", CultureInfo.InvariantCulture)}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {RecallContextText.Citation(result)}  [{result.Score:0.0000}: {signals}]");
            var shown = result.Text.Length > 300 ? result.Text[..299] + "…" : result.Text;
            text.AppendLine(CultureInfo.InvariantCulture, $"   {shown.ReplaceLineEndings(" ")}");
        }
        if (answer.TimeWindow is { } window)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"time: \"{window.Expression}\" = {window.From:yyyy-MM-dd} to {window.To:yyyy-MM-dd}");
        }
        if (answer.Partial) text.AppendLine("partial: " + string.Join(" ", answer.PartialReasons));
        // The printer writes the text as it is: it ends its last line, so the shell's prompt starts on a line of its own.
        return text.ToString().TrimEnd() + Environment.NewLine;
    }
}
