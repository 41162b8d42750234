using Strata.Core.Deletions;
using Strata.Core.Documents;
using Strata.Core.Duplicates;
using Strata.Core.Entities;
using Strata.Core.Entities.Identity;
using Strata.Core.Entities.Splits;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Review;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Usage;

namespace Strata.Core.Storage;

/// <summary>
/// One read transaction of one user (Marten's IQuerySession to <see cref="IStoreSession"/>'s IDocumentSession): each
/// store offers only its queries, and there is nothing to commit. A method that only reads takes this type, so the
/// compiler, not a reviewer, says that it cannot write. A write session is one too.
/// </summary>
public interface IStoreReader : IAsyncDisposable
{
    string UserId { get; }

    ISourceReader Sources { get; }

    IRunReader Runs { get; }

    /// <summary>The items (units of work) of LLM runs.</summary>
    IRunItemReader RunItems { get; }

    /// <summary>Where each value of an LLM run's observations was quoted from.</summary>
    IEvidenceReader Evidence { get; }

    IEntityReader Entities { get; }

    IObservationReader Observations { get; }

    ISchemaReader Schemas { get; }

    /// <summary>The session user's jobs (the writing side, on <see cref="IStoreSession.Jobs"/>, enqueues and settles them with the work).</summary>
    IJobReader Jobs { get; }

    IUsageReader Usage { get; }

    IDuplicateReader Duplicates { get; }

    /// <summary>The identity keys each entity holds (docs/resolution.md, "Identity keys").</summary>
    IEntityKeyReader EntityKeys { get; }

    /// <summary>Splits and unmerges: moving chosen observations, and their audit.</summary>
    ISplitReader Splits { get; }

    /// <summary>Bytes the blob store refused, waiting in the database for an upload job.</summary>
    IPendingBytesReader PendingBytes { get; }

    /// <summary>The user's provider keys (sealed) and default model.</summary>
    ILlmSettingsReader LlmSettings { get; }

    /// <summary>The user's model calls, for usage and the monthly LLM budget.</summary>
    ILlmUsageReader LlmUsage { get; }

    /// <summary>Block runs over documents and the review of their values.</summary>
    IReviewReader Review { get; }
    /// <summary>Chat imports, their conversations and where each fact was said.</summary>
    Imports.IChatImportReader ChatImports { get; }
    /// <summary>The user's projects (named collections of documents).</summary>
    IProjectReader Projects { get; }

    /// <summary>The user's documents: sources in projects, with their conversion status.</summary>
    IDocumentReader Documents { get; }

    /// <summary>The blocks of the user's converted documents.</summary>
    IDocumentBlockReader DocumentBlocks { get; }

    /// <summary>The audit of the user's explicit deletes.</summary>
    IDeletionReader Deletions { get; }

    /// <summary>Observations of relations between the user's entities (docs/graph.md).</summary>
    Strata.Core.Relations.IRelationReader Relations { get; }
    /// <summary>The recall word index over the user's blocks and messages.</summary>
    Recall.IRecallIndexReader Recall { get; }

    /// <summary>The user's rows table by table, for the portable archive (docs/archive.md).</summary>
    Archive.IArchiveReader Archive { get; }

    /// <summary>The user's webhooks and their deliveries (docs/webhooks.md).</summary>
    Webhooks.IWebhookReader Webhooks { get; }

    /// <summary>A second read session of the same user that sees exactly what this one sees (the same snapshot of the
    /// database), for reads run on another thread beside this session's; null where the database cannot promise the
    /// same snapshot (the reads then run on this session, one after another). Dispose it before this one.</summary>
    Task<IStoreReader?> OpenSiblingAsync(CancellationToken cancellationToken);
}
