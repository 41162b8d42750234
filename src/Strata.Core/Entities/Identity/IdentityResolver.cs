using Strata.Core.Duplicates;
using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Entities.Identity;

/// <summary>
/// Finds the entity a record belongs to from its identity keys, inside the writer's transaction (docs/resolution.md):
/// <list type="number">
/// <item>the first strong key some entity holds: the record joins the holder none of whose distinguishing values
/// disagree; when every holder disagrees it becomes its own entity (the key plus its distinguishing values) and a
/// duplicate candidate of each;</item>
/// <item>else a last-resort key (a name alone): it joins the one entity holding it when nothing that identifies disagrees;
/// with several holders, or a disagreement, it stays apart (its content names it) and is suggested with each;</item>
/// <item>else a new entity from its first complete key, or from its whole content when it has none.</item>
/// </list>
/// An entity's values are read under its lock, so two writers can never both fold disagreeing records into it.
/// </summary>
public sealed class IdentityResolver(IStoreSession session, SchemaCatalog catalog)
{
    /// <summary>At most this many holders of one key become duplicate candidates of a record kept apart.</summary>
    public const int MaxSuggestionsPerRecord = 20;

    private readonly Dictionary<string, HashSet<string>> _holders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entity?> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _values = new(StringComparer.Ordinal);
    private readonly List<EntityKeyHolder> _newKeys = [];
    private readonly HashSet<(string, string)> _suggested = [];

    /// <summary>Pairs kept apart at ingest, to be saved as duplicate candidates with the write.</summary>
    public List<DuplicatePair> Candidates { get; } = [];

    /// <summary>Looks up the keys and likely entities of a batch of records with one query each.</summary>
    public async Task PrefetchAsync(IReadOnlyList<ShapedRecord> records, CancellationToken cancellationToken)
    {
        var hashes = records.SelectMany(r => r.Identity.Keys).Select(k => k.Hash).Where(h => !_holders.ContainsKey(h)).ToHashSet(StringComparer.Ordinal);
        foreach (var hash in hashes) _holders[hash] = new HashSet<string>(StringComparer.Ordinal);
        if (hashes.Count > 0)
        {
            foreach (var row in await session.EntityKeys.FindAsync(hashes, cancellationToken))
            {
                _holders[row.KeyHash].Add(row.EntityId);
            }
        }
        var ids = hashes.SelectMany(h => _holders[h])
            .Concat(records.Select(r => FirstChoice(r.Identity)))
            .Where(id => !_entities.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0) return;
        var found = await session.Entities.GetManyAsync(ids, cancellationToken);
        foreach (var id in ids) _entities[id] = found.GetValueOrDefault(id);
    }

    /// <summary>The entity the record belongs to, and whether it is new (not yet inserted).</summary>
    public async Task<(Entity Entity, bool Created)> ResolveAsync(ShapedRecord shaped, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var identity = shaped.Identity;
        foreach (var key in identity.Keys.Where(k => !k.LastResort))
        {
            var holders = await HoldersAsync(key, cancellationToken);
            if (holders.Count == 0) continue;
            var keyId = IdOf(identity.EntityType, key.Text);
            foreach (var holder in holders.OrderBy(h => h.Id == keyId ? 0 : 1).ThenBy(h => h.Id, StringComparer.Ordinal))
            {
                if (!await ConflictsAsync(holder, identity, identity.Distinguishing, cancellationToken)) return (holder, false);
            }
            return await KeptApartAsync(shaped, holders, IdOf(identity.EntityType, $"{key.Text}#{identity.DistinguishingText}"), now, cancellationToken);
        }
        var conflictFields = ConflictFieldsForLastResort(identity.EntityType, identity);
        foreach (var key in identity.Keys.Where(k => k.LastResort))
        {
            var holders = await HoldersAsync(key, cancellationToken);
            if (holders.Count == 0) continue;
            if (holders.Count == 1 && !await ConflictsAsync(holders[0], identity, conflictFields, cancellationToken)) return (holders[0], false);
            // Apart under its own first strong key when it has one (none of which any entity holds), else its content.
            return await KeptApartAsync(shaped, holders, FirstChoice(identity), now, cancellationToken);
        }
        return await ExistingOrNewAsync(shaped, FirstChoice(identity), now, cancellationToken);
    }

    /// <summary>After an insert found the entity already there (a concurrent writer committed it first): the record joins
    /// it unless a distinguishing value disagrees; then it goes where a disagreeing record goes.</summary>
    public async Task<(Entity Entity, bool Created)> ResolveRacedAsync(ShapedRecord shaped, string entityId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _entities.Remove(entityId);
        _values.Remove(entityId);
        var existing = await EntityAsync(entityId, cancellationToken);
        if (existing is not null && !await ConflictsAsync(existing, shaped.Identity, shaped.Identity.Distinguishing, cancellationToken))
        {
            return (existing, false);
        }
        var apart = shaped.Identity.Keys.Count > 0 && !shaped.Identity.Keys[0].LastResort
            ? IdOf(shaped.EntityType, $"{shaped.Identity.Keys[0].Text}#{shaped.Identity.DistinguishingText}")
            : IdOf(shaped.EntityType, shaped.Identity.ContentKey);
        if (apart == entityId) apart = IdOf(shaped.EntityType, shaped.Identity.ContentKey);
        return await KeptApartAsync(shaped, existing is null ? [] : [existing], apart, now, cancellationToken);
    }

    /// <summary>Notes that the record was written to the entity: it now holds the record's keys and identifying values.</summary>
    public void Written(Entity entity, ShapedRecord shaped)
    {
        _entities[entity.Id] = entity;
        var values = _values.TryGetValue(entity.Id, out var known) ? known : _values[entity.Id] = new(StringComparer.Ordinal);
        foreach (var (field, value) in shaped.Identity.Identifying) values.TryAdd(field, value);
        foreach (var key in shaped.Identity.Keys)
        {
            if (!_holders.TryGetValue(key.Hash, out var holders)) _holders[key.Hash] = holders = new(StringComparer.Ordinal);
            if (holders.Add(entity.Id)) _newKeys.Add(new EntityKeyHolder(key.Hash, entity.Id, entity.EntityType));
        }
    }

    /// <summary>Stores the keys and candidates gathered so far.</summary>
    public async Task FlushAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_newKeys.Count > 0)
        {
            await session.EntityKeys.AddAsync(_newKeys.ToList(), cancellationToken);
            _newKeys.Clear();
        }
        if (Candidates.Count > 0)
        {
            await IdentityCandidates.SaveAsync(session, Candidates, now, cancellationToken);
            Candidates.Clear();
        }
    }

    private async Task<(Entity, bool)> KeptApartAsync(ShapedRecord shaped, IReadOnlyList<Entity> holders, string apartId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (entity, created) = await ExistingOrNewAsync(shaped, apartId, now, cancellationToken);
        foreach (var holder in holders.Where(h => h.Id != entity.Id).Take(MaxSuggestionsPerRecord))
        {
            var (a, b) = string.CompareOrdinal(holder.Id, entity.Id) < 0 ? (holder.Id, entity.Id) : (entity.Id, holder.Id);
            if (_suggested.Add((a, b))) Candidates.Add(new DuplicatePair(shaped.EntityType, a, b, IdentityCandidates.Score));
        }
        return (entity, created);
    }

    /// <summary>The entity with this id when it exists and agrees; one made from the record's content when it disagrees;
    /// else a new one with this id.</summary>
    private async Task<(Entity, bool)> ExistingOrNewAsync(ShapedRecord shaped, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await EntityAsync(id, cancellationToken);
        if (existing is null)
        {
            return (new Entity(id, session.UserId, shaped.EntityType, shaped.CanonicalName, null, null, now), true);
        }
        var contentId = IdOf(shaped.EntityType, shaped.Identity.ContentKey);
        if (existing.Id != contentId && await ConflictsAsync(existing, shaped.Identity, shaped.Identity.Distinguishing, cancellationToken))
        {
            return await ExistingOrNewAsync(shaped, contentId, now, cancellationToken);
        }
        return (existing, false);
    }

    private async Task<List<Entity>> HoldersAsync(IdentityKey key, CancellationToken cancellationToken)
    {
        var result = new List<Entity>();
        foreach (var id in _holders.GetValueOrDefault(key.Hash) ?? [])
        {
            if (await EntityAsync(id, cancellationToken) is { } entity && result.All(e => e.Id != entity.Id)) result.Add(entity);
        }
        return result;
    }

    /// <summary>The entity that answers for the id now (merges followed), or null when there is none.</summary>
    private async Task<Entity?> EntityAsync(string id, CancellationToken cancellationToken)
    {
        if (!_entities.TryGetValue(id, out var entity))
        {
            _entities[id] = entity = await session.Entities.GetAsync(id, cancellationToken);
        }
        return entity is null ? null : await ObservationWriter.FollowMergesAsync(session.Entities, entity, cancellationToken);
    }

    private async Task<bool> ConflictsAsync(Entity entity, RecordIdentity identity, IEnumerable<string> fields, CancellationToken cancellationToken)
    {
        var mine = fields.Where(identity.Identifying.ContainsKey).ToList();
        if (mine.Count == 0) return false; // nothing of the record's own can disagree: no need to read (and lock) the entity
        var values = await ValuesAsync(entity, cancellationToken);
        return mine.Any(f => identity.Identifying.TryGetValue(f, out var mine) && values.TryGetValue(f, out var theirs) && mine != theirs);
    }

    /// <summary>The entity's identifying values from its snapshot, read under its lock (the first time in this write).</summary>
    private async Task<Dictionary<string, string>> ValuesAsync(Entity entity, CancellationToken cancellationToken)
    {
        if (_values.TryGetValue(entity.Id, out var known)) return known;
        await session.Entities.LockAsync([entity.Id], cancellationToken);
        var schema = catalog.ForEntity(entity.EntityType);
        var identifying = IdentityDeclaration.Of(schema).IdentifyingFields();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await session.Entities.GetSnapshotAsync(entity.Id, cancellationToken) is { } snapshot)
        {
            foreach (var (field, value) in snapshot.Fields)
            {
                if (identifying.Contains(field) && IdentityValues.Normalize(field, schema.Fields.GetValueOrDefault(field), value) is { } normalized)
                {
                    values[field] = normalized;
                }
            }
        }
        return _values[entity.Id] = values;
    }

    /// <summary>A name alone says little: everything else that identifies must agree (but other names, which vary).</summary>
    private IReadOnlyList<string> ConflictFieldsForLastResort(string entityType, RecordIdentity identity)
    {
        var declaration = IdentityDeclaration.Of(catalog.ForEntity(entityType));
        var names = declaration.EffectiveLastResort.SelectMany(k => k).ToHashSet(StringComparer.Ordinal);
        return declaration.IdentifyingFields().Where(f => !names.Contains(f)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The id a record takes when no entity holds its keys: from its first strong key, else from its content.
    /// A last-resort key (a name alone) never names an entity by itself being the first found: that is left to the
    /// uniqueness rule, so a second "Sam Lee" cannot walk into the first by id.</summary>
    private string FirstChoice(RecordIdentity identity) =>
        IdOf(identity.EntityType, identity.Keys.Count > 0 && !identity.Keys[0].LastResort ? identity.Keys[0].Text : identity.ContentKey);

    private string IdOf(string entityType, string identityText) => StrataIds.EntityByIdentity(session.UserId, entityType, identityText);
}
