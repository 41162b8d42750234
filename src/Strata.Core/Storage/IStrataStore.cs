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

    /// <summary>Opens a transaction on behalf of <paramref name="userId"/>. Every store in the session sees and
    /// writes only that user's rows. Nothing is kept unless <see cref="IStoreSession.CommitAsync"/> is called.</summary>
    Task<IStoreSession> OpenAsync(string userId, bool write, CancellationToken cancellationToken);

    /// <summary>A read session whose every statement sees the same moment (an archive export reads many tables that
    /// refer to each other). A SQLite read transaction is one already; PostgreSQL opens it REPEATABLE READ.</summary>
    Task<IStoreSession> OpenSnapshotAsync(string userId, CancellationToken cancellationToken) => OpenAsync(userId, write: false, cancellationToken);
}

/// <summary>One transaction of one user.</summary>
public interface IStoreSession : IAsyncDisposable
{
    string UserId { get; }

    ISourceStore Sources { get; }

    IRunStore Runs { get; }

    /// <summary>The items (units of work) of LLM runs.</summary>
    IRunItemStore RunItems { get; }

    /// <summary>Where each value of an LLM run's observations was quoted from.</summary>
    IEvidenceStore Evidence { get; }

    IEntityStore Entities { get; }

    IObservationStore Observations { get; }

    ISchemaStore Schemas { get; }

    /// <summary>The job queue inside this transaction: a job enqueued or settled here commits or rolls back with the work.</summary>
    IJobQueue Jobs { get; }

    IUsageStore Usage { get; }

    IDuplicateStore Duplicates { get; }

    /// <summary>The identity keys each entity holds (docs/resolution.md, "Identity keys").</summary>
    IEntityKeyStore EntityKeys { get; }

    /// <summary>Splits and unmerges: moving chosen observations, and their audit.</summary>
    ISplitStore Splits { get; }

    /// <summary>Bytes the blob store refused, waiting in the database for an upload job.</summary>
    IPendingBytesStore PendingBytes { get; }

    /// <summary>The user's provider keys (sealed) and default model.</summary>
    ILlmSettingsStore LlmSettings { get; }

    /// <summary>The user's model calls, for usage and the monthly LLM budget.</summary>
    ILlmUsageStore LlmUsage { get; }

    /// <summary>Block runs over documents and the review of their values.</summary>
    IReviewStore Review { get; }
    /// <summary>Chat imports, their conversations and where each fact was said.</summary>
    Imports.IChatImportStore ChatImports { get; }
    /// <summary>The user's projects (named collections of documents).</summary>
    IProjectStore Projects { get; }

    /// <summary>The user's documents: sources in projects, with their conversion status.</summary>
    IDocumentStore Documents { get; }

    /// <summary>The blocks of the user's converted documents.</summary>
    IDocumentBlockStore DocumentBlocks { get; }

    /// <summary>The audit of the user's explicit deletes.</summary>
    IDeletionStore Deletions { get; }

    /// <summary>Observations of relations between the user's entities (docs/graph.md).</summary>
    Strata.Core.Relations.IRelationStore Relations { get; }
    /// <summary>The recall word index over the user's blocks and messages.</summary>
    Recall.IRecallIndexStore Recall { get; }

    /// <summary>The user's rows table by table, for the portable archive (docs/archive.md).</summary>
    Archive.IArchiveStore Archive { get; }

    /// <summary>The user's webhooks and their deliveries (docs/webhooks.md).</summary>
    Webhooks.IWebhookStore Webhooks { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}
