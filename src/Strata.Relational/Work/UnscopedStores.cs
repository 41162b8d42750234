using Strata.Core.Jobs;
using Strata.Core.Maintenance;
using Strata.Core.Users;
using Strata.Relational.Jobs;
using Strata.Relational.Maintenance;
using Strata.Relational.Users;

namespace Strata.Relational.Work;

/// <summary>The stores a database offers outside any session, each call in a transaction of its own: users (how a
/// credential becomes a user), the job queue (workers claim across users) and maintenance.</summary>
internal sealed class UnscopedStores(OwnTransactionWork work, TimeProvider clock)
{
    public IUserStore Users { get; } = new UserStore(work);

    public IJobQueue Jobs { get; } = new JobQueue(work, clock, sessionUserId: null);

    public IMaintenanceStore Maintenance { get; } = new MaintenanceStore(work);
}
