using Strata.Core.Deletions;
using Strata.Core.Documents;
using Strata.Core.Duplicates;
using Strata.Core.Entities.Identity;
using Strata.Core.Entities.Splits;
using Strata.Core.Entities;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Observations;
using Strata.Core.Review;
using Strata.Core.Runs.Items;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Usage;
using Strata.Relational.Deletions;
using Strata.Relational.Documents;
using Strata.Relational.Duplicates;
using Strata.Relational.Entities;
using Strata.Relational.EntityKeys;
using Strata.Relational.Evidence;
using Strata.Relational.Jobs;
using Strata.Relational.Llm;
using Strata.Relational.Observations;
using Strata.Relational.PendingBytes;
using Strata.Relational.Review;
using Strata.Relational.RunItems;
using Strata.Relational.Runs;
using Strata.Relational.Schemas;
using Strata.Relational.Sources;
using Strata.Relational.Splits;
using Strata.Relational.Usage;
using Strata.Relational.Work;

namespace Strata.Relational.Sessions;

/// <summary>
/// One transaction on behalf of one user, on either database; disposing without commit rolls back. Every store of a
/// session is built here from the one <see cref="StoreScope"/>. An adapter supplies only how its connection is given
/// back, and any difference in how it commits or rolls back.
/// </summary>
internal abstract class StoreSession : IStoreSession
{
    private bool _committed;

    protected StoreSession(StoreScope scope, TimeProvider clock, AdapterStores adapter)
    {
        Scope = scope;
        Sources = new SourceStore(scope);
        Runs = new RunStore(scope);
        Entities = new EntityStore(scope, adapter.Search);
        Observations = new ObservationStore(scope);
        Schemas = new SchemaStore(scope);
        Jobs = new JobQueue(new SessionWork(scope), clock, scope.UserId);
        Usage = new UsageStore(scope);
        Duplicates = new DuplicateStore(scope);
        PendingBytes = new PendingBytesStore(scope);
        LlmUsage = new LlmUsageStore(scope);
        LlmSettings = new LlmSettingsStore(scope);
        Evidence = new EvidenceStore(scope);
        RunItems = new RunItemStore(scope);
        Splits = new SplitStore(scope);
        EntityKeys = new EntityKeyStore(scope);
        Review = new ReviewStore(scope);
        ChatImports = new ChatImports.ChatImportStore(scope);
        Projects = new ProjectStore(scope);
        Documents = new DocumentStore(scope);
        DocumentBlocks = new DocumentBlockStore(scope);
        Deletions = new DeletionStore(scope);
        Relations = new Strata.Relational.Relations.RelationStore(scope);
        Recall = new Recall.RecallIndexStore(scope);
        Archive = new Archive.ArchiveStore(scope);
        Webhooks = new Webhooks.WebhookStore(scope);
    }

    public Core.Webhooks.IWebhookStore Webhooks { get; }

    public Core.Archive.IArchiveStore Archive { get; }

    public Core.Imports.IChatImportStore ChatImports { get; }

    protected StoreScope Scope { get; }

    public string UserId => Scope.UserId;

    public ISourceStore Sources { get; }

    public IRunStore Runs { get; }

    public IEntityStore Entities { get; }

    public IObservationStore Observations { get; }

    public ISchemaStore Schemas { get; }

    public IJobQueue Jobs { get; }

    public IUsageStore Usage { get; }

    public IDuplicateStore Duplicates { get; }

    public IPendingBytesStore PendingBytes { get; }

    public ILlmUsageStore LlmUsage { get; }

    public ILlmSettingsStore LlmSettings { get; }

    public IEvidenceStore Evidence { get; }

    public IRunItemStore RunItems { get; }

    public ISplitStore Splits { get; }

    public IEntityKeyStore EntityKeys { get; }

    public IReviewStore Review { get; }
    public IProjectStore Projects { get; }

    public IDocumentStore Documents { get; }

    public IDocumentBlockStore DocumentBlocks { get; }

    public IDeletionStore Deletions { get; }

    public Core.Relations.IRelationStore Relations { get; }
    public Core.Recall.IRecallIndexStore Recall { get; }

    // A read session is this class seen as IStoreReader: each store seen through its queries only.
    ISourceReader IStoreReader.Sources => Sources;
    IRunReader IStoreReader.Runs => Runs;
    IRunItemReader IStoreReader.RunItems => RunItems;
    IEvidenceReader IStoreReader.Evidence => Evidence;
    IEntityReader IStoreReader.Entities => Entities;
    IObservationReader IStoreReader.Observations => Observations;
    ISchemaReader IStoreReader.Schemas => Schemas;
    IJobReader IStoreReader.Jobs => Jobs;
    IUsageReader IStoreReader.Usage => Usage;
    IDuplicateReader IStoreReader.Duplicates => Duplicates;
    IEntityKeyReader IStoreReader.EntityKeys => EntityKeys;
    ISplitReader IStoreReader.Splits => Splits;
    IPendingBytesReader IStoreReader.PendingBytes => PendingBytes;
    ILlmSettingsReader IStoreReader.LlmSettings => LlmSettings;
    ILlmUsageReader IStoreReader.LlmUsage => LlmUsage;
    IReviewReader IStoreReader.Review => Review;
    Core.Imports.IChatImportReader IStoreReader.ChatImports => ChatImports;
    IProjectReader IStoreReader.Projects => Projects;
    IDocumentReader IStoreReader.Documents => Documents;
    IDocumentBlockReader IStoreReader.DocumentBlocks => DocumentBlocks;
    IDeletionReader IStoreReader.Deletions => Deletions;
    Core.Relations.IRelationReader IStoreReader.Relations => Relations;
    Core.Recall.IRecallIndexReader IStoreReader.Recall => Recall;
    Core.Archive.IArchiveReader IStoreReader.Archive => Archive;
    Core.Webhooks.IWebhookReader IStoreReader.Webhooks => Webhooks;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await CommitTransactionAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
            {
                await RollbackTransactionAsync();
            }
            await Scope.Transaction.DisposeAsync();
        }
        finally
        {
            Scope.DisposeStatements();
            await ReleaseConnectionAsync();
        }
    }

    /// <inheritdoc cref="IStoreReader.OpenSiblingAsync"/>
    public virtual Task<IStoreReader?> OpenSiblingAsync(CancellationToken cancellationToken) => Task.FromResult<IStoreReader?>(null);

    protected virtual Task CommitTransactionAsync(CancellationToken cancellationToken) => Scope.Transaction.CommitAsync(cancellationToken);

    protected virtual Task RollbackTransactionAsync() => Scope.Transaction.RollbackAsync();

    /// <summary>Gives the session's connection back (or closes it).</summary>
    protected abstract ValueTask ReleaseConnectionAsync();
}
