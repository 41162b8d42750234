using Strata.Core.Duplicates;
using Strata.Core.Entities;
using Strata.Core.Observations;
using Strata.Core.Sources;

namespace Strata.Relational.Sessions;

/// <summary>The stores each database still writes for itself, handed to <see cref="StoreSession"/> until they move into
/// this layer too (then the store is built in <see cref="StoreSession"/> and its line here goes).</summary>
internal sealed record AdapterStores
{
    public required ISourceStore Sources { get; init; }

    public required IEntityStore Entities { get; init; }

    public required IObservationStore Observations { get; init; }

    public required IDuplicateStore Duplicates { get; init; }
}
