using Strata.Core.Llm.Calls;

namespace Strata.Core.Extraction.Packing;

/// <summary>One model call made for a pack, for accounting: which items it carried, its tokens, and how it ended
/// (<see cref="Failure"/> is null when it answered every item).</summary>
public sealed record CallRecord(IReadOnlyList<string> ItemIds, TokenUsage Usage, TimeSpan Latency, StopReason? StopReason, string? Failure, string? RawText);
