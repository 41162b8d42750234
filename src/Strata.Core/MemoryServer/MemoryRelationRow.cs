namespace Strata.Core.MemoryServer;

/// <summary>One observation of a profile relation (a type under <c>memory:</c>) as <see cref="MemorySearchIndex"/> keeps it:
/// its key, whether it asserts, and the times that decide whether it holds at a given time. Read in each relation's rank
/// order (priority, then latest observed, then last written first), so the first in effect is the one that decides.</summary>
public sealed record MemoryRelationRow(string FromEntityId, string RelationType, string ToEntityId, bool Asserts, DateTimeOffset EffectiveAt,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo)
{
    public long EstimatedBytes => 100 + 2L * (FromEntityId.Length + RelationType.Length + ToEntityId.Length);
}
