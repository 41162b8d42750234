using System.Globalization;
using Strata.Core.Llm;
using Strata.Core.Runs;
using Strata.Core.Llm.Calls;
using Strata.Core.Extraction.Packing;

namespace Strata.Core.Extraction;

/// <summary>
/// The calls of one run: each holds a call slot, is checked against the monthly budget before it is made (reserving
/// what it could cost at most), and is reported to accounting after it was made.
/// </summary>
internal sealed class PackCalls
{
    private readonly Run _run;
    private readonly LlmRunConfig _config;
    private readonly ILlmUsageRecorder _usage;
    private readonly ILanguageModels _models;
    private readonly TimeProvider _clock;
    private readonly PackExtraction _extraction;

    public PackCalls(Run run, LlmRunConfig config, IModelClient providerClient, ILlmCallSlots slots, ILlmUsageRecorder usage,
        ILanguageModels models, LlmRunOptions runOptions, TimeProvider clock)
    {
        _run = run;
        _config = config;
        _usage = usage;
        _models = models;
        _clock = clock;
        var client = new SlotBoundLlmClient(providerClient, slots, run.UserId, runOptions.Calls, runOptions.SlotPoll, clock);
        _extraction = new PackExtraction(client, new PackPrompt(config.Model, config.SystemPrompt, ExtractionPrompt.ToolName, config.ItemSchema, config.MaxTokens)
        {
            Temperature = config.Temperature,
        });
    }

    public async Task<PackAnswer> CallAsync(IReadOnlyList<WorkItem> pack, CancellationToken cancellationToken)
    {
        var input = TokenEstimate.Of(_config.SystemPrompt) + pack.Sum(i => i.InputTokens);
        var reserve = _models.Cost(new TokenUsage(input, _config.MaxTokens, 0, 0), _config.Model) ?? 0m;
        await _usage.EnsureWithinBudgetAsync(_run.UserId, reserve, cancellationToken);
        return await _extraction.CallAsync(pack, cancellationToken);
    }

    public Dictionary<string, CallShares.Share> Shares(PackReport report) => CallShares.Of(report.Calls, usage => _models.Cost(usage, _config.Model));

    /// <summary>Reports every call the pack made, whatever its outcome: tokens spent on a failed parse are spent.</summary>
    public async Task RecordAsync(PackReport report, CancellationToken cancellationToken)
    {
        foreach (var call in report.Calls)
        {
            var outcome = call.Failure is null ? "ok"
                : call.StopReason == StopReason.MaxTokens ? "max_tokens"
                : call.StopReason is null ? "failed"
                : call.Failure.StartsWith("The answer left out", StringComparison.Ordinal) ? "missing_items"
                : "parse_failed";
            await _usage.RecordAsync(new LlmCallUsage(_run.UserId, _run.Id,
                call.ItemIds.Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList(),
                _config.Provider, _config.Model, call.Usage.Input, call.Usage.Output, call.Usage.CacheRead, call.Usage.CacheWrite,
                _models.Cost(call.Usage, _config.Model), call.Latency, outcome, _clock.GetUtcNow()), cancellationToken);
        }
    }
}
