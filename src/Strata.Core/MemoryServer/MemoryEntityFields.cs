namespace Strata.Core.MemoryServer;

/// <summary>The fields of a <c>memory_entity</c> record (<see cref="Schemas.BuiltInSchemas"/>) that say how it was written
/// rather than what it holds: the tool call (<see cref="Call"/>) and what the call did to it (<see cref="Op"/>).</summary>
public static class MemoryEntityFields
{
    public const string Op = "op";

    public const string Call = "call";

    /// <summary>Kept for the fold and for provenance, left out of the entity's search text.</summary>
    public static readonly IReadOnlySet<string> Bookkeeping = new HashSet<string>(StringComparer.Ordinal) { Op, Call };
}
