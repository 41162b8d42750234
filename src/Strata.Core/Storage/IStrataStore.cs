using Strata.Core.Entities;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Users;

namespace Strata.Core.Storage;

/// <summary>The database. Everything but users is reached through a session bound to one user.</summary>
public interface IStrataStore
{
    IUserStore Users { get; }

    /// <summary>Opens a transaction on behalf of <paramref name="userId"/>. Every store in the session sees and
    /// writes only that user's rows. Nothing is kept unless <see cref="IStoreSession.CommitAsync"/> is called.</summary>
    Task<IStoreSession> OpenAsync(string userId, bool write, CancellationToken cancellationToken);
}

/// <summary>One transaction of one user.</summary>
public interface IStoreSession : IAsyncDisposable
{
    string UserId { get; }

    ISourceStore Sources { get; }

    IRunStore Runs { get; }

    IEntityStore Entities { get; }

    IObservationStore Observations { get; }

    ISchemaStore Schemas { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}
