using Strata.Core.Entities;
using Strata.Core.Entities.Identity;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Observations;

/// <summary>
/// Writes the records of one run inside the caller's transaction: resolves each to its entity by its identity keys
/// (<see cref="IdentityResolver"/>, following merges), records one observation per record and a raw fragment per unknown
/// value, then refreshes the touched snapshots. Every id is derived, so writing the same run twice creates nothing new.
/// </summary>
public sealed class ObservationWriter(IStoreSession session, SchemaCatalog catalog, WriteContext context)
{
    private const int MaxMergeHops = 32;

    private static readonly System.Text.Json.JsonElement NullValue = System.Text.Json.JsonDocument.Parse("null").RootElement;

    private readonly Dictionary<string, Entity> _touched = new(StringComparer.Ordinal);

    private IdentityResolver _resolver = new(session, catalog);

    /// <summary>How often one record's insert may find its entity made by a concurrent writer before giving up.</summary>
    private const int MaxInsertRaces = 4;

    /// <summary>Entities whose row this writer inserted, with every observation it inserted for them. No other writer
    /// can add to an entity whose row is not committed yet, so these are all it has, in order: its snapshot is
    /// computed from them rather than read back.</summary>
    private readonly Dictionary<string, List<Observation>> _inserted = new(StringComparer.Ordinal);

    /// <summary>The snapshot each inserted entity's row was written with, from its first observation: most entities get
    /// no other in the run, and their snapshot is then neither computed nor written twice.</summary>
    private readonly Dictionary<string, (Observation First, PreparedSnapshot Snapshot)> _firstSnapshots = new(StringComparer.Ordinal);

    public int ObservationsCreated { get; private set; }

    public int UnknownFieldsCount { get; private set; }

    public int ItemsCount { get; private set; }

    /// <summary>How many entities one lookup asks for.</summary>
    public const int LookupBatchSize = 500;

    /// <summary>Values left out because they are longer than <see cref="WriteContext.MaxValueBytes"/>.</summary>
    public int ValuesTooLong { get; private set; }

    public async Task<StoredEntity> WriteAsync(ExtractedRecord record, CancellationToken cancellationToken)
    {
        var shaped = Shape(record);
        await _resolver.PrefetchAsync([shaped], cancellationToken);
        return await WriteShapedAsync(shaped, cancellationToken);
    }

    private ShapedRecord Shape(ExtractedRecord record) => Shape(record, catalog, context);

    /// <summary>The record as this writer writes it (values over the limit left out, fields sorted against the schema):
    /// a caller that must shape every record before writing any (to refuse a bad one) passes them to
    /// <see cref="WriteShapedAllAsync"/> rather than have them shaped twice.</summary>
    public static ShapedRecord Shape(ExtractedRecord record, SchemaCatalog catalog, WriteContext context)
    {
        var limited = ValueLimit.Apply(record, context.MaxValueBytes);
        var shaped = RecordShaper.Shape(limited, context.DefaultType, catalog);
        return limited.TooLong.Count == 0 ? shaped : shaped with { TooLong = limited.TooLong };
    }

    /// <summary>As <see cref="WriteAllAsync"/>, for records already shaped by <see cref="Shape(ExtractedRecord, SchemaCatalog, WriteContext)"/>
    /// with this writer's catalog and context.</summary>
    public async Task<List<StoredEntity>> WriteShapedAllAsync(IReadOnlyList<ShapedRecord> records, CancellationToken cancellationToken)
    {
        var stored = new List<StoredEntity>(records.Count);
        for (var first = 0; first < records.Count; first += LookupBatchSize)
        {
            var batch = new List<ShapedRecord>(Math.Min(LookupBatchSize, records.Count - first));
            for (var i = first; i < Math.Min(records.Count, first + LookupBatchSize); i++)
            {
                batch.Add(records[i]);
            }
            stored.AddRange(await WriteBatchAsync(batch, cancellationToken));
        }
        return stored;
    }

    /// <summary>Writes records in order, as <see cref="WriteAsync"/> does one by one, but per <see cref="LookupBatchSize"/>
    /// records with one query to find which of their entities exist and a few multi-row statements per table.</summary>
    public async Task<List<StoredEntity>> WriteAllAsync(IReadOnlyList<ExtractedRecord> records, CancellationToken cancellationToken)
    {
        var stored = new List<StoredEntity>(records.Count);
        for (var first = 0; first < records.Count; first += LookupBatchSize)
        {
            var shaped = new List<ShapedRecord>(Math.Min(LookupBatchSize, records.Count - first));
            for (var i = first; i < Math.Min(records.Count, first + LookupBatchSize); i++)
            {
                shaped.Add(Shape(records[i]));
            }
            stored.AddRange(await WriteBatchAsync(shaped, cancellationToken));
        }
        return stored;
    }

    /// <summary>
    /// Resolves every record of the batch in order (each sees the entities the ones before it created), then inserts the
    /// new entities in one go, then the observations, and reports each record as <see cref="WriteShapedAsync"/> would.
    /// When a concurrent writer committed one of the new entities first, nothing of the batch was inserted: it is then
    /// written record by record, which joins each raced entity or keeps the record apart.
    /// </summary>
    private async Task<List<StoredEntity>> WriteBatchAsync(List<ShapedRecord> batch, CancellationToken cancellationToken)
    {
        // What the resolver learnt from earlier batches goes to the database first, so a fresh resolver can take over.
        await _resolver.FlushAsync(context.ObservedAt, cancellationToken);
        await _resolver.PrefetchAsync(batch, cancellationToken);
        var planned = new List<(ShapedRecord Shaped, Entity Entity, bool Created, Observation Observation)>(batch.Count);
        var created = new List<NewEntity>();
        var firsts = new List<(Observation First, PreparedSnapshot Snapshot)>();
        foreach (var shaped in batch)
        {
            var (entity, isNew) = await _resolver.ResolveAsync(shaped, context.ObservedAt, cancellationToken);
            var observation = ObservationOf(entity, shaped);
            if (isNew)
            {
                var first = SnapshotRefresher.Prepare(catalog, entity, [observation]);
                created.Add(new NewEntity(entity, first.Snapshot, first.SearchText, first.MemoryText, first.MemoryState));
                firsts.Add((observation, first));
            }
            _resolver.Written(entity, shaped);
            planned.Add((shaped, entity, isNew, observation));
        }

        if (!await session.Entities.InsertAllAsync(created, cancellationToken))
        {
            _resolver = new IdentityResolver(session, catalog);
            await _resolver.PrefetchAsync(batch, cancellationToken);
            var one = new List<StoredEntity>(batch.Count);
            foreach (var shaped in batch)
            {
                one.Add(await WriteShapedAsync(shaped, cancellationToken));
            }
            return one;
        }
        for (var i = 0; i < created.Count; i++)
        {
            _inserted[created[i].Entity.Id] = [];
            _firstSnapshots[created[i].Entity.Id] = firsts[i];
        }

        var inserted = new HashSet<string>(await session.Observations.InsertAllAsync(planned.Select(p => p.Observation).ToList(), cancellationToken),
            StringComparer.Ordinal);
        var stored = new List<StoredEntity>(batch.Count);
        foreach (var (shaped, entity, isNew, observation) in planned)
        {
            ItemsCount++;
            // The first record with an observation id inserted it; a repeat of the id in the batch found it there.
            var isInserted = inserted.Remove(observation.Id);
            if (isInserted)
            {
                ObservationsCreated++;
                _touched[entity.Id] = entity;
                if (_inserted.TryGetValue(entity.Id, out var written))
                {
                    written.Add(observation);
                }
            }
            await WriteFragmentsAsync(shaped, entity, cancellationToken);
            var action = isNew ? StoreActions.Created : isInserted ? StoreActions.Updated : StoreActions.Unchanged;
            stored.Add(new StoredEntity(entity.Id, entity.EntityType, observation.Id, action));
        }
        return stored;
    }

    private async Task<StoredEntity> WriteShapedAsync(ShapedRecord shaped, CancellationToken cancellationToken)
    {
        ItemsCount++;
        var (entity, created) = await _resolver.ResolveAsync(shaped, context.ObservedAt, cancellationToken);
        var observation = ObservationOf(entity, shaped);
        for (var race = 0; created; race++)
        {
            var first = SnapshotRefresher.Prepare(catalog, entity, [observation]);
            if (await session.Entities.InsertAsync(new NewEntity(entity, first.Snapshot, first.SearchText, first.MemoryText, first.MemoryState), cancellationToken))
            {
                _inserted[entity.Id] = [];
                _firstSnapshots[entity.Id] = (observation, first);
                break;
            }
            if (race == MaxInsertRaces)
            {
                throw new StrataException(ErrorCodes.InternalError, $"{shaped.Locator}: its entity kept being created by concurrent writes.");
            }
            // A concurrent write committed this entity first: join it only if it agrees.
            (entity, created) = await _resolver.ResolveRacedAsync(shaped, entity.Id, context.ObservedAt, cancellationToken);
            observation = ObservationOf(entity, shaped);
        }
        _resolver.Written(entity, shaped);
        var inserted = await session.Observations.InsertAsync(observation, cancellationToken);
        if (inserted)
        {
            ObservationsCreated++;
            _touched[entity.Id] = entity;
            if (_inserted.TryGetValue(entity.Id, out var written))
            {
                written.Add(observation);
            }
        }

        await WriteFragmentsAsync(shaped, entity, cancellationToken);

        var action = created ? StoreActions.Created : inserted ? StoreActions.Updated : StoreActions.Unchanged;
        return new StoredEntity(entity.Id, entity.EntityType, observation.Id, action);
    }

    /// <summary>A raw fragment per unknown value, and one per value left out for its length.</summary>
    private async Task WriteFragmentsAsync(ShapedRecord shaped, Entity entity, CancellationToken cancellationToken)
    {
        foreach (var unknown in shaped.Unknown)
        {
            var fragment = new RawFragment(
                StrataIds.RawFragment(context.RunId, entity.Id, shaped.Locator, unknown.Field),
                session.UserId, context.SourceId, context.RunId, entity.Id, unknown.Field, unknown.Value,
                unknown.Reason, context.ObservedAt);
            await session.Observations.InsertRawFragmentAsync(fragment, cancellationToken);
            UnknownFieldsCount++;
        }

        foreach (var cut in shaped.TooLong)
        {
            // The value itself is not kept (holding it is what the limit prevents); where it was and how long it was are.
            var fragment = new RawFragment(
                StrataIds.RawFragment(context.RunId, entity.Id, shaped.Locator, cut.Field),
                session.UserId, context.SourceId, context.RunId, entity.Id, cut.Field, NullValue,
                $"value_too_long: {cut.Bytes} bytes, more than the limit of {context.MaxValueBytes}; not kept", context.ObservedAt);
            await session.Observations.InsertRawFragmentAsync(fragment, cancellationToken);
            ValuesTooLong++;
        }
    }

    private Observation ObservationOf(Entity entity, ShapedRecord shaped) => new(
        StrataIds.Observation(context.RunId, entity.Id, shaped.Locator),
        session.UserId, entity.Id, context.SourceId, context.RunId, context.Kind, shaped.Locator,
        context.Priority, ObservationStates.Accepted, shaped.Fields, Reason: null,
        context.ObservedAt, context.ObservedAt);

    /// <summary>Stores the identity keys and duplicate candidates of what was written, and recomputes the snapshot of
    /// every entity this writer gave a new observation.</summary>
    public async Task RefreshSnapshotsAsync(CancellationToken cancellationToken)
    {
        await _resolver.FlushAsync(context.ObservedAt, cancellationToken);
        await session.Entities.LockAsync(_touched.Keys, cancellationToken);
        // New entities' snapshots come from what this writer inserted, and are stored together; others are read back.
        var fresh = new List<PreparedSnapshot>();
        foreach (var entity in _touched.Values)
        {
            if (_inserted.TryGetValue(entity.Id, out var written))
            {
                fresh.Add(written.Count == 1 && _firstSnapshots.TryGetValue(entity.Id, out var first) && ReferenceEquals(first.First, written[0])
                    ? first.Snapshot
                    : SnapshotRefresher.Prepare(catalog, entity, written));
            }
            else
            {
                await SnapshotRefresher.RefreshAsync(session, catalog, entity, cancellationToken);
            }
        }
        await session.Entities.SaveSnapshotsAsync(fresh, cancellationToken);
        _touched.Clear();
    }

    /// <summary>A merged entity answers for the one it was merged into: reads and later writes land there.</summary>
    public static async Task<Entity> FollowMergesAsync(IEntityReader entities, Entity entity, CancellationToken cancellationToken)
    {
        for (var hop = 0; entity.MergedInto is not null; hop++)
        {
            if (hop == MaxMergeHops)
            {
                throw new StrataException(ErrorCodes.InternalError, $"Entity {entity.Id} has a merge chain longer than {MaxMergeHops}.");
            }
            entity = await entities.GetAsync(entity.MergedInto, cancellationToken)
                ?? throw new StrataException(ErrorCodes.InternalError, $"Entity {entity.Id} is merged into a missing entity.");
        }
        return entity;
    }
}

/// <summary>What every observation of one write shares.</summary>
public sealed record WriteContext(
    string RunId,
    string? SourceId,
    string Kind,
    int Priority,
    string? DefaultType,
    DateTimeOffset ObservedAt,
    long MaxValueBytes = WriteLimits.DefaultMaxValueBytes);
