using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Operations;
using Strata.Core.Relations;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Usage;

namespace Strata.Core.Observations;

/// <param name="Entities">Objects, each with an <c>entity_type</c> and field values.</param>
/// <param name="SourcePriority">Priority of the observations (default 100, structured); below a correction's 1000.</param>
/// <param name="IdempotencyKey">Distinguishes deliberate repeats of an identical payload; a retry with the same key is a no-op.</param>
/// <param name="Relations">Relations between entities (docs/graph.md), each end an entity id or the index of one of <paramref name="Entities"/>.</param>
public sealed record StoreRequest(IReadOnlyList<JsonElement> Entities, int? SourcePriority = null, string? IdempotencyKey = null,
    IReadOnlyList<JsonElement>? Relations = null);

/// <summary>
/// <c>store</c> / <c>ingest_structured</c>: the agent states the entities itself. The payload is kept as a source
/// (canonical JSON, so the same payload dedupes) and written as one run, so a retry creates nothing new.
/// </summary>
public sealed class StructuredWriteService(IStrataStore store, IBlobStore blobs, QuotaGuard quotas, StrataOptions options, TimeProvider clock)
{
    public const string InterpreterName = "structured";
    public const string InterpreterVersion = "1";
    private readonly Spool _spool = new(options.SpoolDirectory);

    /// <summary>The request checked and read: its source priority, its entity records and its relations.</summary>
    private (int Priority, List<ExtractedRecord> Records, IReadOnlyList<RelationInput> Relations) Prepare(StoreRequest request)
    {
        var priority = request.SourcePriority ?? Priorities.Structured;
        Validate(request, priority);
        var records = request.Entities.Select((entity, index) => StructuredEntities.ToRecord(entity, index, options.Limits.MaxValueBytes)).ToList();
        return (priority, records, StructuredRelations.Parse(request.Relations, request.Entities.Count));
    }

    /// <summary>The request's canonical payload in the spool, hashed: the bytes its source keeps.</summary>
    private Task<SpooledFile> SpoolAsync(StoreRequest request, CancellationToken cancellationToken) =>
        _spool.WriteAsync(new MemoryStream(StructuredRelations.Payload(request.Entities, request.Relations)), options.MaxUploadBytes, cancellationToken);

    public async Task<StoreResult> StoreAsync(string userId, StoreRequest request, CancellationToken cancellationToken)
    {
        var (priority, records, relations) = Prepare(request);
        using var spooled = await SpoolAsync(request, cancellationToken);

        // Null: a concurrent write of the same payload committed its source first. Started again, this one finds it (and
        // its run, when the key and priority match) as a retry would.
        var run = await StartAsync(userId, spooled, records, relations, priority, request.IdempotencyKey, cancellationToken)
            ?? await StartAsync(userId, spooled, records, relations, priority, request.IdempotencyKey, cancellationToken)
            ?? throw new InvalidOperationException($"The source of {spooled.ContentHash} was reported stored but cannot be found.");
        // The rest in slices of their own, so a large write never holds the database long. A crash in between leaves
        // the run running with what was committed; the same request again writes the rest (every id is derived).
        while (!run.Done)
        {
            await using var session = await store.OpenWriteAsync(userId, cancellationToken);
            await run.WriteSliceAsync(session, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        return run.Result();
    }

    /// <summary>
    /// A write decided from what the store holds, in ONE write transaction: <paramref name="plan"/> reads what it needs in
    /// the write session and returns its answer with the request to store (null or empty: nothing changes, nothing is
    /// written); the source, the run, every slice of it and the run's end then commit with that read, whole or not at all.
    /// No separate read transaction. A request that must not be taken for a retry of an earlier identical one (a repeated
    /// decision) carries an idempotency key of its own.
    /// </summary>
    public async Task<T> StoreDecidedAsync<T>(string userId,
        Func<IStoreSession, CancellationToken, Task<(T Answer, StoreRequest? Request)>> plan, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var (answer, request) = await plan(session, cancellationToken);
        if (request is null || (request.Entities.Count == 0 && request.Relations is not { Count: > 0 })) return answer;
        var (priority, records, relations) = Prepare(request);
        using var spooled = await SpoolAsync(request, cancellationToken);
        // Null: a concurrent write of the same payload committed its source first; looked up again, it is found.
        var run = await OpenRunAsync(session, spooled, records, relations, priority, request.IdempotencyKey, cancellationToken)
            ?? await OpenRunAsync(session, spooled, records, relations, priority, request.IdempotencyKey, cancellationToken)
            ?? throw new InvalidOperationException($"The source of {spooled.ContentHash} was stored by another write of the same payload.");
        // At least one slice: a write of relations alone has no record, and its one slice writes them and ends the run.
        do
        {
            await run.WriteSliceAsync(session, cancellationToken);
        } while (!run.Done);
        await session.CommitAsync(cancellationToken);
        return answer;
    }

    private const int WarmUpEntities = 63;

    /// <summary>
    /// Runs made-up entities through the code of <see cref="StoreAsync"/> (payload, spool, source, quota, run, writer,
    /// snapshots, the run's counters) in a transaction it then rolls back, so a long-lived process's first real write
    /// does not pay for compiling that code. Stores nothing: the blob put runs under a key the blob store deletes again
    /// (<see cref="IBlobStore.WarmUpAsync"/>; a blob outlives a rollback). Returns the result the write would have answered, for warming the code that writes answers.
    /// </summary>
    public async Task<StoreResult> WarmUpAsync(string userId, CancellationToken cancellationToken)
    {
        var entities = string.Join(',', Enumerable.Range(0, WarmUpEntities).Select(i =>
            $$"""{"entity_type":"contact","name":"Warm Up {{i}}","email":"warm.up.{{i}}@example.invalid","company":"Warm Up Ltd","title":"Warm"}"""));
        using var document = JsonDocument.Parse($"[{entities}]");
        return await WarmUpAsync(userId, document.RootElement.EnumerateArray().ToList(), cancellationToken);
    }

    /// <summary>How many entities a warm-up writes: one of each size of multi-row statement (32, 16, 8, 4, 2 and 1 rows),
    /// so every statement a batch uses is prepared on the connection too, not only compiled in the process.</summary>
    public static int WarmUpSize => WarmUpEntities;

    /// <summary>As <see cref="WarmUpAsync(string, CancellationToken)"/>, with the entities a caller writes (the memory
    /// server profile's own records, whose type and fields take paths a contact does not): rolled back likewise.</summary>
    public async Task<StoreResult> WarmUpAsync(string userId, IReadOnlyList<JsonElement> entities, CancellationToken cancellationToken)
    {
        var request = new StoreRequest(entities);
        Validate(request, Priorities.Structured);
        var records = request.Entities.Select((entity, index) => StructuredEntities.ToRecord(entity, index, options.Limits.MaxValueBytes)).ToList();
        var payload = CanonicalJson.SerializeArrayToUtf8(request.Entities);
        using var spooled = await _spool.WriteAsync(new MemoryStream(payload), options.MaxUploadBytes, cancellationToken);
        // The blob put, under a key of the store's own that it deletes again (a blob outlives a rollback).
        await blobs.WarmUpAsync(payload, cancellationToken);
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var now = clock.GetUtcNow();
        var source = await session.Sources.FindByHashAsync(spooled.ContentHash, cancellationToken);
        if (source is null)
        {
            await quotas.ReserveStorageAsync(session, StorageCost.Of(spooled.ByteSize), cancellationToken);
            source = new Source(StrataIds.Source(userId, spooled.ContentHash), userId, spooled.ContentHash, spooled.ByteSize,
                MediaTypes.Json, null, StorageStatuses.Uploaded, now);
            await session.Sources.InsertAsync(source, cancellationToken);
        }
        var run = await StartRunAsync(session, source, records, [], Priorities.Structured, "warm-up", now, cancellationToken);
        while (!run.Done)
        {
            await run.WriteSliceAsync(session, cancellationToken);
        }
        // Disposed without a commit: everything above is rolled back.
        return run.Result();
    }

    /// <summary>Records the source (when new) and the run, and commits the first slice.</summary>
    private async Task<StructuredRun?> StartAsync(string userId, SpooledFile spooled, List<ExtractedRecord> records,
        IReadOnlyList<RelationInput> relations, int priority, string? idempotencyKey, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var run = await OpenRunAsync(session, spooled, records, relations, priority, idempotencyKey, cancellationToken);
        if (run is null) return null;
        await run.WriteSliceAsync(session, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return run;
    }

    /// <summary>Records the source (when new) and the run in the caller's transaction; null when a concurrent write of the
    /// same payload committed its source first.</summary>
    private async Task<StructuredRun?> OpenRunAsync(IStoreSession session, SpooledFile spooled, List<ExtractedRecord> records,
        IReadOnlyList<RelationInput> relations, int priority, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var userId = session.UserId;
        var now = clock.GetUtcNow();
        var source = await session.Sources.FindByHashAsync(spooled.ContentHash, cancellationToken);
        if (source is null)
        {
            // A new payload is a new source and counts towards storage like any other; a retried one does not.
            await quotas.ReserveStorageAsync(session, StorageCost.Of(spooled.ByteSize), cancellationToken);
            source = new Source(StrataIds.Source(userId, spooled.ContentHash), userId, spooled.ContentHash, spooled.ByteSize,
                MediaTypes.Json, null, StorageStatuses.Uploaded, now);
            // Never deleted if this transaction rolls back: a concurrent write of the same payload may have committed a
            // source that refers to the same content-addressed blob. The orphan sweep collects blobs nothing refers to.
            await blobs.PutFileAsync(source.BlobKey, await spooled.FileAsync(cancellationToken), cancellationToken);
            if (await session.Sources.InsertAsync(source, cancellationToken) == SourceInsert.AlreadyStored) return null;
        }
        // An end named by id that this user does not hold refuses the write before anything of it commits.
        await StructuredRelations.CheckNamedEndsAsync(session, relations, cancellationToken);
        return await StartRunAsync(session, source, records, relations, priority, idempotencyKey, now, cancellationToken);
    }

    private async Task<StructuredRun> StartRunAsync(IStoreSession session, Source source, List<ExtractedRecord> records,
        IReadOnlyList<RelationInput> relations, int priority, string? idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runId = StrataIds.StructuredRun(source.Id, idempotencyKey, priority);
        var existingRun = await session.Runs.GetAsync(runId, cancellationToken);
        var configJson = RunConfig.Serialize(new Dictionary<string, string?>
        {
            ["priority"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["idempotency_key"] = idempotencyKey,
        });
        var run = existingRun ?? new Run(runId, session.UserId, source.Id, InterpreterName, InterpreterVersion, configJson,
            Sha256Hex.Of(configJson), RunStatuses.Running, 0, 0, 0, null, now, now, null, now);
        if (existingRun is null)
        {
            await RunLedger.OpenAsync(session, run, cancellationToken);
        }

        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var context = new WriteContext(runId, source.Id, ObservationKinds.Structured, priority, null, existingRun?.CreatedAt ?? now,
            options.Limits.MaxValueBytes);
        // Every record is shaped before the first is written: a refusal must change nothing, and later slices commit.
        var shaped = records.Select(record => ObservationWriter.Shape(record, catalog, context)).ToList();
        return new StructuredRun(run, existingRun, source, shaped, catalog, context, options.Limits, clock) { Relations = relations };
    }

    private void Validate(StoreRequest request, int priority)
    {
        if (request.Entities.Count == 0 && request.Relations is not { Count: > 0 })
        {
            throw StrataException.Validation("entities must hold at least one entity (or relations at least one relation).");
        }
        if (request.Entities.Count > options.MaxStructuredEntities)
        {
            throw StrataException.Validation($"{request.Entities.Count} entities is more than the limit of {options.MaxStructuredEntities} per call; send them in batches.");
        }
        if (priority is < 0 or >= Priorities.Correction)
        {
            throw StrataException.Validation($"source_priority must be from 0 to {Priorities.Correction - 1}: {Priorities.Correction} and above are corrections.");
        }
        if (request.IdempotencyKey is { Length: > 200 })
        {
            throw StrataException.Validation("idempotency_key must be at most 200 characters.");
        }
    }
}
