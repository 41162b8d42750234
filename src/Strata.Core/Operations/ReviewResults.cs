using System.Text.Json;
using Strata.Core.Review;
using Strata.Core.Schemas;

namespace Strata.Core.Operations;

public sealed record RegisterBlockSchemaResult(string SchemaRef, int Version, string SchemaUid, bool Created);

public sealed record BlockSchemaView(string SchemaRef, int Version, string SchemaUid, string? Description, JsonElement Properties,
    IReadOnlyList<string>? Required, PromptConfig PromptConfig, DateTimeOffset CreatedAt);

public sealed record BlockSchemaSummary(string SchemaRef, int Version, string SchemaUid, int FieldCount, string? Description);

public sealed record BlockSchemaList(IReadOnlyList<BlockSchemaSummary> Items);

/// <summary>What deleting a block schema removed: its versions and, when forced, the runs that used it and the entities
/// that existed only by those runs' confirmed values.</summary>
public sealed record DeleteBlockSchemaResult(string SchemaRef, int VersionsRemoved, IReadOnlyList<DeleteBlockRunResult> RunsRemoved, int EntitiesRemoved);

/// <summary>A block run with its counts of blocks by state.</summary>
public sealed record BlockRunView(string RunId, string DocumentId, string ProjectId, string SchemaRef, int SchemaVersion, string SchemaUid,
    string Status, ReviewCounts Counts, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

public sealed record BlockRunList(IReadOnlyList<BlockRunView> Items, string? NextCursor = null, int? Total = null);

public sealed record StartBlockRunResult(BlockRunView Run, bool Created);

/// <summary>One block's value in a run: its state, the value in force (a person's edit or the model's answer), the model's
/// answer, who edited and confirmed it and when, the observation a confirmed value became, and a failed block's error
/// and raw output.</summary>
public sealed record BlockValueView(string RunId, int BlockIndex, string BlockUid, string DocumentId, string SchemaRef, string State,
    JsonElement? Value, JsonElement? ModelValue, bool Edited, string? EditedBy, DateTimeOffset? EditedAt, string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt, string? ObservationId, string? EntityId, string? Error, string? RawOutput);

public sealed record BlockValueList(IReadOnlyList<BlockValueView> Items, string? NextCursor, int? Total = null);

/// <summary>A bulk review over a run, a document or a project: how many blocks changed and the counts after.</summary>
public sealed record BulkReviewResult(string Scope, string Id, int Changed, ReviewCounts Counts);

/// <summary>What deleting a block run removed: its items, values, the observations its confirmed values became, and the
/// (block, schema) entities nothing else observed.</summary>
public sealed record DeleteBlockRunResult(string RunId, int ItemsRemoved, int ValuesRemoved, int ObservationsRemoved, int EntitiesRemoved);

public sealed record ApplySchemaResult(string ProjectId, string SchemaRef, int SchemaVersion, IReadOnlyList<string> RunsStarted,
    IReadOnlyList<string> DocumentsSkipped);

public sealed record DocumentProgress(string DocumentId, int Runs, ReviewCounts Counts);

public sealed record ProjectProgress(string ProjectId, ReviewCounts Counts, IReadOnlyList<DocumentProgress> Documents);

/// <summary>A bulk confirm or reject of a run's staged values matching a filter: how many matched, how many this call
/// changed (none on a dry run), the model calls a reject costs (its blocks are asked again), and the run's counts after.</summary>
public sealed record MatchingReviewResult(string RunId, string Action, bool DryRun, int Matched, int Changed, int ModelCalls, ReviewCounts Counts,
    string? ChangeId);

/// <summary>A selection's confirm or reject applied as one step: its id (for undo_bulk_change), the blocks it changed, the
/// selected blocks it left as they were (not staged), the model calls a reject costs, and the run's counts after (null
/// when the caller asked not to count them).</summary>
public sealed record BulkChangeResult(string ChangeId, string RunId, string Action, IReadOnlyList<int> Changed, IReadOnlyList<int> Unchanged,
    int ModelCalls, ReviewCounts? Counts);

/// <summary>A bulk change taken back: the blocks returned to staged, and those left as they were because they moved on since
/// (edited, confirmed again, or already asked again by the model).</summary>
public sealed record UndoBulkChangeResult(string ChangeId, string RunId, string Action, IReadOnlyList<int> Undone, IReadOnlyList<int> LeftAsTheyWere,
    ReviewCounts Counts);
