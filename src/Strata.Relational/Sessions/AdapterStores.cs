using Strata.Relational.Entities;

namespace Strata.Relational.Sessions;

/// <summary>The stores each database still writes for itself, handed to <see cref="StoreSession"/> until they move into
/// this layer too (then the store is built in <see cref="StoreSession"/> and its line here goes).</summary>
internal sealed record AdapterStores
{
    /// <summary>Text search and the timeline, written per database (FTS5 and PostgreSQL's full-text search differ).</summary>
    public required IEntitySearch Search { get; init; }
}
