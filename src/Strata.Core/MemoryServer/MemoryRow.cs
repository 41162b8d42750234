namespace Strata.Core.MemoryServer;

/// <summary>One <c>memory_entity</c> as <c>search_nodes</c> reads it: its id, the text it is chosen by
/// (<see cref="MemoryEntityText"/>; null where none is kept) and its kept state (<see cref="MemoryEntityState"/>'s JSON; null
/// where none is kept), and the name its relations are named by (<c>memory_name</c>; null where none is kept).</summary>
public sealed record MemoryRow(string EntityId, string? Text, string? State, string? Name = null)
{
    /// <summary>What the row holds in memory, about: its strings (two bytes a character) and the objects around them.</summary>
    public long EstimatedBytes => 120 + 2L * (EntityId.Length + (Text?.Length ?? 0) + (State?.Length ?? 0) + (Name?.Length ?? 0));
}
