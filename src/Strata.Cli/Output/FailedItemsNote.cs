using Strata.Core;
using Strata.Core.Llm;
using Strata.Core.Operations;

namespace Strata.Cli.Output;

/// <summary>After an LLM run that finished with failed items, says so, and where their errors and raw output are: the
/// ingest line counts only what was written.</summary>
internal static class FailedItemsNote
{
    public static async Task PrintAsync(StrataServices services, string userId, InterpretationOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.RunId is null || outcome.ObservationsCreated is null) return;
        var run = await services.Sources.GetRunAsync(userId, outcome.RunId, cancellationToken);
        if (run.Interpreter != LlmInterpreter.Name || run.Items is not { Failed: > 0 } items) return;
        Console.WriteLine($"  {items.Failed} of {Plural.Count(items.Total, "item")} failed: strata runs show {run.RunId} shows why, with the model's raw output");
    }
}
