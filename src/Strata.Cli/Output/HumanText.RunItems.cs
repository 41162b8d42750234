using System.Globalization;
using Strata.Core.Operations;

namespace Strata.Cli.Output;

/// <summary>An LLM run's items: counts, tokens and cost, and each failure with its raw output.</summary>
internal static partial class HumanText
{
    /// <summary>Raw output is shown up to this many characters; <c>--json</c> and <c>runs items</c> give it whole.</summary>
    private const int RawShown = 2_000;

    private static string RunItems(RunItemsView items)
    {
        var text = new System.Text.StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"  run items    {items.Total}: {items.Completed} completed, {items.Failed} failed")
            .Append(items.Pending + items.Claimed > 0 ? $", {items.Pending} pending, {items.Claimed} in progress\n" : "\n")
            .Append(CultureInfo.InvariantCulture, $"  tokens       {items.InputTokens} in, {items.OutputTokens} out, {items.CacheReadTokens} cache read, {items.CacheWriteTokens} cache write\n")
            .Append(CultureInfo.InvariantCulture, $"  cost         {Cost(items.CostUsd, items.CostUnknownItems)}\n");
        foreach (var failure in items.Failures)
        {
            text.Append(Failure(failure));
        }
        if (items.Failed > items.Failures.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"  ({items.Failed - items.Failures.Count} more failed items: strata runs items RUN_ID --status failed)\n");
        }
        return text.ToString();
    }

    public static string Of(RunItemList list)
    {
        var text = new System.Text.StringBuilder();
        foreach (var item in list.Items)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"item {item.Index} {item.Status}  chars {item.CharStart}+{item.CharLength}  tokens {item.InputTokens}/{item.OutputTokens}  cost {Cost(item.CostUsd, 0)}  attempts {item.Attempts}  calls {item.Calls}\n");
            if (item.Error is not null) text.Append(Failure(item));
        }
        return text.Append(PageLine.Of(list.Items.Count, "item", list.Total, list.NextCursor)).ToString();
    }

    private static string Failure(RunItemView item)
    {
        var raw = item.RawOutput is null ? "(none)" : item.RawOutput.Length > RawShown ? item.RawOutput[..RawShown] + " …" : item.RawOutput;
        return $"  item {item.Index} failed (chars {item.CharStart}+{item.CharLength}): {item.Error}\n    raw output: {raw}\n";
    }

    private static string Cost(decimal? usd, int unknown) => usd is { } cost
        ? string.Create(CultureInfo.InvariantCulture, $"${cost:0.000000}") + (unknown > 0 ? $" (+{unknown} items with no price)" : "")
        : unknown > 0 ? "unknown (no price configured for the model)" : "$0";
}
