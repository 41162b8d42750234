using Strata.Core.Llm.Calls;

namespace Strata.Core.Extraction.Packing;

/// <summary>Runs a pack and splits it when the answer fails. An answer that does not parse or stops at
/// max_tokens splits the pack in half and each half is called again; items an answer leaves out are called
/// again, split in half the same way, while the items it answered are kept. A single item that still fails is
/// failed with its error and raw output. A call that fails after its retries (5xx, 429, timeout) fails its
/// items without splitting, since smaller packs would not help; an auth failure or cancellation propagates so
/// the run stops at once. Terminates: every split is strictly smaller, and a single item is tried once alone.</summary>
public static class SplitOnFailureExecutor
{
    public static async Task<PackReport> RunAsync(IReadOnlyList<WorkItem> pack, PackCall call, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, ItemOutcome>(StringComparer.Ordinal);
        var calls = new List<CallRecord>();
        await ProcessAsync(pack).ConfigureAwait(false);
        return new PackReport(pack.Select(i => outcomes[i.Id]).ToArray(), calls);

        async Task ProcessAsync(IReadOnlyList<WorkItem> items)
        {
            PackAnswer answer;
            try
            {
                answer = await call(items, cancellationToken).ConfigureAwait(false);
            }
            catch (LlmCallException e) when (e.Kind != LlmFailureKind.Auth)
            {
                calls.Add(new CallRecord(Ids(items), TokenUsage.Zero, TimeSpan.Zero, null, e.Message, e.RawText));
                foreach (var item in items) outcomes[item.Id] = ItemOutcome.Failure(item.Id, $"{e.Code}: {e.Message}", e.RawText);
                return;
            }
            var response = answer.Response;
            if (answer.Failure is { } failure)
            {
                calls.Add(new CallRecord(Ids(items), response.Usage, response.Latency, response.StopReason, failure, response.RawText));
                if (items.Count == 1) outcomes[items[0].Id] = ItemOutcome.Failure(items[0].Id, failure, response.RawText);
                else await SplitAsync(items).ConfigureAwait(false);
                return;
            }
            var missing = new List<WorkItem>();
            foreach (var item in items)
            {
                if (answer.Results.TryGetValue(item.Id, out var result)) outcomes[item.Id] = ItemOutcome.Success(item.Id, result);
                else missing.Add(item);
            }
            calls.Add(new CallRecord(Ids(items), response.Usage, response.Latency, response.StopReason,
                missing.Count == 0 ? null : $"The answer left out {missing.Count} of {items.Count} items.", response.RawText));
            if (missing.Count == 0) return;
            if (items.Count == 1)
            {
                outcomes[items[0].Id] = ItemOutcome.Failure(items[0].Id, "The answer did not include this item.", response.RawText);
                return;
            }
            if (missing.Count == 1) await ProcessAsync(missing).ConfigureAwait(false);
            else await SplitAsync(missing).ConfigureAwait(false);
        }

        async Task SplitAsync(IReadOnlyList<WorkItem> items)
        {
            var half = items.Count / 2;
            await ProcessAsync(items.Take(half).ToArray()).ConfigureAwait(false);
            await ProcessAsync(items.Skip(half).ToArray()).ConfigureAwait(false);
        }
    }

    private static string[] Ids(IReadOnlyList<WorkItem> items) => items.Select(i => i.Id).ToArray();
}
