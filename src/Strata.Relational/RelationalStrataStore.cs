using Strata.Core.Llm;
using Strata.Core.Jobs;
using Strata.Core.Maintenance;
using Strata.Core.Storage;
using Strata.Core.Users;
using Strata.Relational.CallSlots;
using Strata.Relational.Jobs;
using Strata.Relational.Maintenance;
using Strata.Relational.Users;
using Strata.Relational.Work;

namespace Strata.Relational;

/// <summary>
/// What both databases offer alike: the stores outside any session, each call in a transaction of its own — users
/// (how a credential becomes a user), the job queue (workers claim across users) and maintenance. A database supplies
/// where those transactions run and how a user's session opens.
/// </summary>
public abstract class RelationalStrataStore : IStrataStore
{
    private protected RelationalStrataStore(OwnTransactionWork work, TimeProvider clock)
    {
        Clock = clock;
        Users = new UserStore(work);
        Jobs = new JobQueue(work, clock, sessionUserId: null);
        Maintenance = new MaintenanceStore(work);
        LlmCallSlots = new CallSlotStore(work);
    }

    public IUserStore Users { get; }

    public IJobQueue Jobs { get; }

    public IMaintenanceStore Maintenance { get; }

    /// <summary>The database-wide bound on concurrent model calls.</summary>
    public ILlmCallSlots LlmCallSlots { get; }

    internal TimeProvider Clock { get; }

    public async Task<IStoreReader> OpenReadAsync(string userId, CancellationToken cancellationToken) =>
        await BeginAsync(userId, write: false, cancellationToken);

    public Task<IStoreSession> OpenWriteAsync(string userId, CancellationToken cancellationToken) =>
        BeginAsync(userId, write: true, cancellationToken);

    /// <inheritdoc cref="IStrataStore.OpenSnapshotAsync"/>
    public virtual Task<IStoreReader> OpenSnapshotAsync(string userId, CancellationToken cancellationToken) => OpenReadAsync(userId, cancellationToken);

    /// <summary>Begins a session's transaction. A read one (<paramref name="write"/> false) is handed out as
    /// <see cref="IStoreReader"/>, and the database refuses it any write too: the types keep honest code from writing,
    /// the database keeps a cast from doing it.</summary>
    private protected abstract Task<IStoreSession> BeginAsync(string userId, bool write, CancellationToken cancellationToken);
}
