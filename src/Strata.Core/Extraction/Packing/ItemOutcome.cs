using System.Text.Json;

namespace Strata.Core.Extraction.Packing;

/// <summary>The end of one item: completed with its result, or failed with the error and the raw output of the
/// last call that tried it alone. Every item of a pack gets exactly one outcome.</summary>
public sealed record ItemOutcome(string ItemId, bool Completed, JsonElement? Result, string? Error, string? RawOutput)
{
    public static ItemOutcome Success(string id, JsonElement result) => new(id, true, result, null, null);

    public static ItemOutcome Failure(string id, string error, string? raw) => new(id, false, null, error, raw);
}
