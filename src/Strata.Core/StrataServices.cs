using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Agent;
using Strata.Core.Deletions;
using Strata.Core.Documents;
using Strata.Core.Documents.Conversion;
using Strata.Core.Documents.Lifecycle;
using Strata.Core.Duplicates;
using Strata.Core.Entities;
using Strata.Core.Entities.Reresolution;
using Strata.Core.Entities.Splits;
using Strata.Core.Extraction;
using Strata.Core.Health;
using Strata.Core.Imports;
using Strata.Core.Imports.FullPass;
using Strata.Core.Memory;
using Strata.Core.MemoryServer;
using Strata.Core.Memory.Sections;
using Strata.Core.Interpretation;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Llm.Calls;
using Strata.Core.Maintenance;
using Strata.Core.Metrics;
using Strata.Core.Observations;
using Strata.Core.Queries;
using Strata.Core.Review;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Usage;
using Strata.Core.Users;

namespace Strata.Core;

/// <summary>Every operation, one service method each. CLI, REST and MCP call these and nothing else.
/// One instance per process: it owns the process's metrics and the job handlers its workers run.</summary>
public sealed class StrataServices
{
    private readonly IStrataStore _store;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggers;
    private readonly Exports.ITableFormats? _exports;

    public StrataServices(IStrataStore store, IBlobStore blobs, IEnumerable<IInterpreter> interpreters, StrataOptions options,
        TimeProvider clock, ILoggerFactory? loggerFactory = null, LlmHost? llm = null,
        IDocumentConversion? documents = null, IChatExports? chatExports = null, Exports.ITableFormats? exports = null,
        Recall.Embeddings.IEmbedder? embedder = null)
    {
        _store = store;
        Embedder = embedder;
        _exports = exports;
        _clock = clock;
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        Blobs = blobs;
        Options = options;
        Metrics = new StrataMetrics();
        // Every model call of a run is checked against the plan's monthly budget first and recorded after.
        LlmAccounting = new LlmAccounting(store, options.Plans, new LlmMetrics(Metrics.Registry, options.Llm), clock);
        // What runs in the background reads blobs through outages of minutes (Worker:BlobOutageRetryFor); requests do not wait.
        var workBlobs = OutageTolerantBlobStore.For(blobs, options.Worker, clock);
        // The workflows that use a model live here; the host hands only the models (without them, a call answers LLM_NOT_CONFIGURED).
        LanguageModels = llm?.Models ?? NoLanguageModels.Instance;
        var kit = new LlmRunKit(store, workBlobs, LanguageModels, llm?.Runs ?? new LlmRunOptions(), store.LlmCallSlots, LlmAccounting,
            options.Llm.Keys, RunStops, options.Limits, llm?.Clock ?? clock);
        LlmRuns = new LlmRunService(kit, _loggers.CreateLogger<LlmRunService>());
        var blockRuns = new BlockRunService(kit, _loggers.CreateLogger<BlockRunService>());
        TextGeneration = new TextGeneration(kit);
        ChatFullPass = new ChatFullPass(kit);
        Review = new ReviewService(store, blockRuns, clock);
        var runner = new InterpretationRunner(interpreters, workBlobs, options.Limits, clock);
        var quotas = new QuotaGuard(options.Plans, Metrics, clock);
        Merges = new MergeService(store, Metrics, clock);
        Duplicates = new DuplicateService(store, Merges, new DuplicateTuning(options.Worker.DuplicateThreshold), clock);
        Maintenance = new MaintenanceService(store, Duplicates, Metrics, options.Worker, clock);
        OrphanBlobs = new OrphanBlobSweeper(store, blobs, options.Worker, clock);
        var webhookSender = new Webhooks.WebhookSender(options.Webhooks);
        Webhooks = new Webhooks.WebhookService(store, options.Llm.Keys, webhookSender, clock);
        IJobHandler[] handlers =
        [
            new InterpretJobHandler(store, runner, Metrics, options.Worker, clock, LlmRuns),
            new UploadJobHandler(store, blobs, new PendingBytes(options.SpoolDirectory, options.PendingUploads), new UploadSpool(options.SpoolDirectory), Metrics, options.Worker, clock),
            .. MaintenanceJobHandler.For(Maintenance),
            new MaintenanceJobHandler(JobKinds.SweepOrphanBlobs, OrphanBlobs.SweepAsync),
            new BlockRunJobHandler(store, blockRuns, Metrics),
            new ChatFullPassJobHandler(store, ChatFullPass, options, clock),
            new MemoryGenerationJobHandler(new MemoryGenerationService(store, workBlobs, TextGeneration, options.ChatImports.Summary, clock)),
            new ConversionJobHandler(store, workBlobs, documents, options.Worker, clock, embedder?.Model),
            new Webhooks.WebhookDeliveryJobHandler(store, Webhooks, webhookSender, options.Webhooks, clock),
            .. embedder is null ? Array.Empty<IJobHandler>() : [new Recall.Embeddings.EmbeddingBackfillJobHandler(store, embedder, options.Recall.BackfillUnitsPerTransaction)],
            new Recall.RecallIndexBackfillJobHandler(store, embedder?.Model),
        ];
        Jobs = new JobRunner(store.Jobs, handlers, options.Worker, clock, _loggers.CreateLogger<JobRunner>());
        Ingest = new IngestService(store, blobs, runner, quotas, new RunWaiter(store, Jobs, options.Worker, clock), Metrics, options, clock, LlmRuns);
        Projects = new ProjectService(store, clock);
        Documents = new DocumentService(store, blobs, Ingest, documents, new ConversionWaiter(store, Jobs, options.Worker, clock), options.Worker, clock);
        Structured = new StructuredWriteService(store, blobs, quotas, options, clock);
        MemoryServer = new MemoryServerService(store, Structured, clock, new MemorySearchIndex(options.MemorySearchCacheBytes));
        Splits = new SplitService(store, clock);
        Reresolution = new ReresolutionService(store, Splits, clock);
        Usage = new UsageService(store, options.Plans, clock);
        Health = new HealthService(store, blobs, options, clock);
        ChatImports = new ChatImportService(store, blobs, chatExports, LanguageModels, quotas, Ingest, options, clock, Metrics);
    }

    /// <summary>Chat exports: import, status, resume (docs/chat-memory.md).</summary>
    public ChatImportService ChatImports { get; }

    /// <summary>A chat fact traced to the exact words of its message.</summary>
    public ChatEvidenceQueries ChatEvidence => field ??= new ChatEvidenceQueries(_store, Blobs);

    /// <summary>MEMORY.md, rendered from the snapshots.</summary>
    public MemoryService Memory => field ??= new MemoryService(_store);

    /// <summary>Ranked evidence for a question from every layer (docs/recall.md).</summary>
    public Recall.RecallService Recall => field ??= new Recall.RecallService(_store, Options.Recall, Core.Recall.RecallService.Layers(Embedder, _store.Jobs, Vectors), _clock, Metrics);

    /// <summary>The process's recall vectors in memory, bounded by <see cref="Recall.RecallOptions.VectorCacheBytes"/>.</summary>
    public Recall.Embeddings.VectorMatrixCache Vectors => field ??= new Recall.Embeddings.VectorMatrixCache(Options.Recall.VectorCacheBytes);

    /// <summary>The recall index and its background runs' progress (docs/recall.md).</summary>
    public Recall.RecallStatusQuery RecallStatus => field ??= new Recall.RecallStatusQuery(_store, Embedder);

    /// <summary>The embedding provider (<c>Embeddings:Provider</c>); null when none is configured, and then nothing is semantic.</summary>
    public Recall.Embeddings.IEmbedder? Embedder { get; }

    /// <summary>The portable archive: everything a user has, out as one file and into another store (docs/archive.md).</summary>
    public Archive.ArchiveExportService ArchiveExport => field ??= new Archive.ArchiveExportService(_store, Blobs, _clock);

    /// <inheritdoc cref="ArchiveExport"/>
    public Archive.ArchiveImportService ArchiveImport => field ??= new Archive.ArchiveImportService(_store, Blobs, Path.Combine(Options.SpoolDirectory, "archive"));

    public IStrataStore Store => _store;

    /// <summary>Webhooks: subscriptions to events and their signed deliveries (docs/webhooks.md).</summary>
    public Webhooks.WebhookService Webhooks { get; }

    /// <summary>The host's models; without them every call answers LLM_NOT_CONFIGURED.</summary>
    public ILanguageModels LanguageModels { get; }

    /// <summary>LLM runs over sources (docs/llm.md).</summary>
    public LlmRunService LlmRuns { get; }

    /// <summary>Model-written text outside any run (MEMORY.md's summary and profile).</summary>
    public TextGeneration TextGeneration { get; }

    /// <summary>The full pass of a chat import (its job runs it; the benchmark calls it directly).</summary>
    public ChatFullPass ChatFullPass { get; }

    public IBlobStore Blobs { get; }

    public StrataOptions Options { get; }

    /// <summary>This process's metrics; <see cref="RenderMetricsAsync"/> renders them for <c>/metrics</c>.</summary>
    public StrataMetrics Metrics { get; }

    /// <summary>Runs queued jobs (every kind Strata enqueues); the worker loops and waiting callers share it.</summary>
    public JobRunner Jobs { get; }

    public IngestService Ingest { get; }

    public StructuredWriteService Structured { get; }

    /// <summary>The MCP reference memory server's nine tools (<c>strata mcp --profile memory-server</c>) and its memory file.</summary>
    public MemoryServerService MemoryServer { get; }

    /// <summary>Projects: named collections of documents.</summary>
    public ProjectService Projects { get; }

    /// <summary>Documents in projects, their conversion into blocks, and the reads of both.</summary>
    public DocumentService Documents { get; }

    /// <summary>Explicit deletes of documents and projects, and their audit.</summary>
    public DeletionService Deletions => field ??= new DeletionService(_store, Blobs, _clock);

    /// <summary>Forgetting on request: deleting an entity, an observation or a source with everything derived from it.</summary>
    public ForgetService Forgetting => field ??= new ForgetService(_store, Blobs, _clock);

    public CorrectionService Corrections => field ??= new CorrectionService(_store, _clock);

    public MergeService Merges { get; }

    public SplitService Splits { get; }

    public ReresolutionService Reresolution { get; }

    public EntityQueries Entities => field ??= new EntityQueries(_store);

    /// <summary>Relations, neighbourhoods and paths, now or at any time (docs/graph.md).</summary>
    public Relations.GraphQueryService Graph => field ??= new Relations.GraphQueryService(_store, _clock);

    /// <summary>Entities and relations as JSONL, CSV or Parquet (docs/exports.md).</summary>
    public Exports.EntityExportService EntityExports => field ??= new Exports.EntityExportService(_store, _exports, _clock);

    /// <summary>Documents and projects with their confirmed block values, as JSONL, CSV or Parquet (docs/exports.md).</summary>
    public Exports.DocumentExportService DocumentExports => field ??= new Exports.DocumentExportService(_store, _exports, _clock);

    /// <summary>A project's confirmed block values as a Hive-partitioned Parquet dataset (docs/exports.md).</summary>
    public Exports.DatasetExportService DatasetExports => field ??= new Exports.DatasetExportService(_store, _exports, _clock);

    /// <summary>A document's revised text: confirmed revisions spliced in at their blocks' offsets (docs/exports.md).</summary>
    public Exports.ReconstructionService Reconstruction => field ??= new Exports.ReconstructionService(_store, Blobs, _clock);

    /// <inheritdoc cref="Exports.Memory.MemoryExportService"/>
    public Exports.Memory.MemoryExportService MemoryExports => field ??= new Exports.Memory.MemoryExportService(_store, _clock);

    /// <inheritdoc cref="Exports.Neo4j.CypherExportService"/>
    public Exports.Neo4j.CypherExportService CypherExports => field ??= new Exports.Neo4j.CypherExportService(_store, _exports, _clock);

    /// <inheritdoc cref="Exports.Agents.AgentExportService"/>
    public Exports.Agents.AgentExportService AgentExports => field ??= new Exports.Agents.AgentExportService(this);

    public SourceQueries Sources => field ??= new SourceQueries(_store);

    /// <summary>The runs this process is working on, so <c>cancel_run</c> stops their calls at once.</summary>
    public RunStops RunStops { get; } = new();

    /// <summary><c>cancel_run</c>.</summary>
    public RunCancellationService RunCancellation => field ??= new RunCancellationService(_store, RunStops, _clock);

    public SchemaService Schemas => field ??= new SchemaService(_store, _clock);

    /// <summary>Block schemas: register (SCHEMA_CONFLICT unless a new version is asked for), list, get, delete.</summary>
    public BlockSchemaService BlockSchemas => field ??= new BlockSchemaService(_store, _clock);

    /// <summary>Runs of block schemas over documents, their staged values and their review, one by one and in bulk.</summary>
    public ReviewService Review { get; }

    public UserService Users => field ??= new UserService(_store.Users, _clock);

    public UsageService Usage { get; }

    /// <summary>Records every model call and checks the monthly LLM budget before each (the run pipeline calls it).</summary>
    public ILlmUsageRecorder LlmAccounting { get; }

    public ProviderKeyService ProviderKeys => field ??= new ProviderKeyService(_store, Options.Llm, _clock);

    /// <summary>Which model a run uses (the priority chain), <c>list_models</c> and <c>set_default_model</c>.</summary>
    public ModelService Models => field ??= new ModelService(_store, Options.Llm, ProviderKeys, _clock);

    public SourceContentService SourceContent => field ??= new SourceContentService(_store, Blobs);

    public AgentInterpretationService AgentInterpretations => field ??= new AgentInterpretationService(_store, Blobs, Options, _clock);

    public DuplicateService Duplicates { get; }

    public MaintenanceService Maintenance { get; }

    public HealthService Health { get; }

    /// <summary>Deletes source blobs no source refers to (run by its periodic job, or by an operator or a test).</summary>
    public OrphanBlobSweeper OrphanBlobs { get; }

    /// <summary>A worker (job loops, the periodic scheduler, the lease rescuer) over this store, watched by
    /// <see cref="Health"/>. Run it with <see cref="WorkerHost.RunAsync"/> until the host stops.</summary>
    public WorkerHost CreateWorkerHost(Random? random = null)
    {
        var worker = new WorkerHost(Jobs, _store.Jobs, Options.Worker, _clock, _loggers.CreateLogger<WorkerHost>(), random);
        Health.Watch(worker);
        return worker;
    }

    /// <summary>The body of <c>/metrics</c> (content type <see cref="PrometheusText.ContentType"/>).</summary>
    public Task<string> RenderMetricsAsync(CancellationToken cancellationToken) => Metrics.RenderAsync(_store, cancellationToken);
}
