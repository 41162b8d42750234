using Strata.Core.Deletions;
using Strata.Core.Documents;
using Strata.Core.Duplicates;
using Strata.Core.Entities;
using Strata.Core.Entities.Identity;
using Strata.Core.Entities.Splits;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Maintenance;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Review;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Usage;
using Strata.Core.Users;

namespace Strata.Core.Storage;

/// <summary>The database. Everything but users, the job queue and maintenance is reached through a session bound to one user.</summary>
public interface IStrataStore
{
    IUserStore Users { get; }

    /// <summary>The job queue, each call in a transaction of its own (workers claim across users).</summary>
    IJobQueue Jobs { get; }

    IMaintenanceStore Maintenance { get; }

    /// <summary>The bound on concurrent model calls across every worker and process (each call in a transaction of its own).</summary>
    ILlmCallSlots LlmCallSlots { get; }

    /// <summary>Opens a read transaction on behalf of <paramref name="userId"/>: every store in it sees only that
    /// user's rows, and offers only its queries (a read session has no write and no commit to call).</summary>
    Task<IStoreReader> OpenReadAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Opens a write transaction on behalf of <paramref name="userId"/>. Every store in the session sees and
    /// writes only that user's rows. Nothing is kept unless <see cref="IStoreSession.CommitAsync"/> is called.</summary>
    Task<IStoreSession> OpenWriteAsync(string userId, CancellationToken cancellationToken);

    /// <summary>A read session whose every statement sees the same moment (an archive export reads many tables that
    /// refer to each other). A SQLite read transaction is one already; PostgreSQL opens it REPEATABLE READ.</summary>
    Task<IStoreReader> OpenSnapshotAsync(string userId, CancellationToken cancellationToken) => OpenReadAsync(userId, cancellationToken);
}

/// <summary>One write transaction of one user: every store with its writes, and the commit. Everything a read
/// session offers, it offers too (each property here is the writing side of the one <see cref="IStoreReader"/> has).</summary>
public interface IStoreSession : IStoreReader
{
    new ISourceStore Sources { get; }
    new IRunStore Runs { get; }
    new IRunItemStore RunItems { get; }
    new IEvidenceStore Evidence { get; }
    new IEntityStore Entities { get; }
    new IObservationStore Observations { get; }
    new ISchemaStore Schemas { get; }
    new IJobQueue Jobs { get; }
    new IUsageStore Usage { get; }
    new IDuplicateStore Duplicates { get; }
    new IEntityKeyStore EntityKeys { get; }
    new ISplitStore Splits { get; }
    new IPendingBytesStore PendingBytes { get; }
    new ILlmSettingsStore LlmSettings { get; }
    new ILlmUsageStore LlmUsage { get; }
    new IReviewStore Review { get; }
    new Imports.IChatImportStore ChatImports { get; }
    new IProjectStore Projects { get; }
    new IDocumentStore Documents { get; }
    new IDocumentBlockStore DocumentBlocks { get; }
    new IDeletionStore Deletions { get; }
    new Strata.Core.Relations.IRelationStore Relations { get; }
    new Recall.IRecallIndexStore Recall { get; }
    new Archive.IArchiveStore Archive { get; }
    new Webhooks.IWebhookStore Webhooks { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}
