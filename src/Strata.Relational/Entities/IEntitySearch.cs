using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Relational.Entities;

/// <summary>Text search, which each database answers with its own index (SQLite's FTS5 word and
/// trigram tables, PostgreSQL's trigram index and text functions); <see cref="EntityStore"/> asks it for those and does the rest itself.</summary>
internal interface IEntitySearch
{
    /// <summary>Snapshots of the entities that match (the query has text), with the total count before paging when
    /// the paging asks for it.</summary>
    Task<(IReadOnlyList<Snapshot> Items, int? Total)> QueryAsync(EntityQuery query, CancellationToken cancellationToken);
}
