namespace Strata.Server.Operations;

/// <summary>What calling an operation does to the store; published as MCP tool annotations, so it must be true.</summary>
/// <param name="ReadOnly">Changes nothing.</param>
/// <param name="Destructive">May change or hide what was there before (not only add).</param>
/// <param name="Idempotent">Repeating the same call with the same arguments has no further effect.</param>
public sealed record OperationTraits(bool ReadOnly, bool Destructive, bool Idempotent)
{
    public static readonly OperationTraits Read = new(ReadOnly: true, Destructive: false, Idempotent: true);
}
