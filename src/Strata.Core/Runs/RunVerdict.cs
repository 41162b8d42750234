using System.Globalization;
using Strata.Core.Runs.Items;

namespace Strata.Core.Runs;

/// <summary>
/// The one status rule for a run that did its work: every item failed → failed (nothing came of it, and a caller
/// must hear so); some failed → completed, saying how many of how many; none failed (or a run without items) →
/// completed with no error. The same for LLM runs, block runs and the chat full pass.
/// </summary>
public sealed record RunVerdict(string Status, string? Error)
{
    public static RunVerdict Of(RunItemSummary? items, string? detail = null)
    {
        if (items is null || items.Failed == 0) return new RunVerdict(RunStatuses.Completed, null);
        var suffix = string.IsNullOrEmpty(detail) ? "" : "; " + detail;
        return items.Completed == 0
            ? new RunVerdict(RunStatuses.Failed, string.Create(CultureInfo.InvariantCulture, $"Every item failed ({items.Failed} of {items.Total}){suffix}"))
            : new RunVerdict(RunStatuses.Completed, string.Create(CultureInfo.InvariantCulture, $"{items.Failed} of {items.Total} items failed{suffix}"));
    }
}
