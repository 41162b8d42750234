using Strata.Relational.CallSlots;
using Strata.Relational.Deletions;
using Strata.Relational.Documents;
using Strata.Relational.Duplicates;
using Strata.Relational.Entities;
using Strata.Relational.EntityKeys;
using Strata.Relational.Evidence;
using Strata.Relational.Jobs;
using Strata.Relational.Llm;
using Strata.Relational.Maintenance;
using Strata.Relational.Migrations;
using Strata.Relational.Observations;
using Strata.Relational.PendingBytes;
using Strata.Relational.Review;
using Strata.Relational.RunItems;
using Strata.Relational.Runs;
using Strata.Relational.Schemas;
using Strata.Relational.Sources;
using Strata.Relational.Splits;
using Strata.Relational.Usage;
using Strata.Relational.Users;

namespace Strata.Relational;

/// <summary>
/// What differs between the databases, and nothing else: the SQL text of each store (one record per concern, whose
/// defaults are the text both databases accept; a dialect overrides only what it must) and how a time is written.
/// Adding a table means one store class, one SQL record here, and one migration per database.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>For messages and metrics: "sqlite" or "postgres".</summary>
    public abstract string Name { get; }

    /// <summary>A time as a parameter value: fixed-width UTC text on SQLite (text order is time order), a UTC
    /// <see cref="DateTime"/> for PostgreSQL's timestamptz. Read back with <see cref="StoredTime"/>.</summary>
    public abstract object Time(DateTimeOffset value);

    /// <summary>A time of the lean rows (observations): microseconds since the epoch on SQLite (migration 0310: 8 bytes
    /// instead of 28 characters, with the microseconds PostgreSQL keeps too), <see cref="Time"/> elsewhere.</summary>
    public virtual object LeanTime(DateTimeOffset value) => Time(value);

    /// <summary>Whether a statement failed because a row it refers to is gone: where writers run at once, an entity a
    /// concurrent delete removed while an observation for it waited (<see cref="Observations.ObservationStore"/>).</summary>
    public virtual bool IsForeignKeyViolation(System.Data.Common.DbException exception) => false;

    /// <summary>A list of texts as one parameter value: an array by default; the dialect's SQL reads it back.</summary>
    public virtual object TextList(IReadOnlyCollection<string> values) => values.ToArray();

    public RunSql Runs { get; init; } = new();

    public JobSql Jobs { get; init; } = new();

    public MaintenanceSql Maintenance { get; init; } = new();

    public SchemaSql Schemas { get; init; } = new();

    public UsageSql Usage { get; init; } = new();

    public PendingBytesSql PendingBytes { get; init; } = new();

    public UserSql Users { get; init; } = new();

    public MigrationSql Migrations { get; init; } = new();
    public SourceSql Sources { get; init; } = new();

    public EntitySql Entities { get; init; } = new();

    public ObservationSql Observations { get; init; } = new();
    public DuplicateSql Duplicates { get; init; } = new();
    public EntityKeySql EntityKeys { get; init; } = new();

    public SplitSql Splits { get; init; } = new();

    public RunItemSql RunItems { get; init; } = new();

    public EvidenceSql Evidence { get; init; } = new();

    public CallSlotSql CallSlots { get; init; } = new();
    public LlmSettingsSql LlmSettings { get; init; } = new();

    public LlmUsageSql LlmUsage { get; init; } = new();

    public ReviewSql Review { get; init; } = new();
    public ChatImports.ChatImportSql ChatImports { get; init; } = new();
    public ProjectSql Projects { get; init; } = new();

    public DocumentSql Documents { get; init; } = new();

    public DocumentBlockSql DocumentBlocks { get; init; } = new();

    public DeletionSql Deletions { get; init; } = new();

    public Strata.Relational.Relations.RelationSql Relations { get; init; } = new();
    public Recall.RecallSql Recall { get; init; } = new();

    public Archive.ArchiveSql Archive { get; init; } = new();

    public Webhooks.WebhookSql Webhooks { get; init; } = new();
}
