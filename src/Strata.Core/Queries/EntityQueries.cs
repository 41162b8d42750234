using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Queries;

/// <summary>Reads about entities: lists, snapshots (now or as they stood), observations, provenance, the timeline.</summary>
public sealed class EntityQueries(IStrataStore store)
{
    public const int MaxQueryLength = 500;

    /// <param name="includeProvenance">Also give each entity's provenance (per field, the observation that supplied
    /// it). Off by default everywhere: a list is for finding entities, and its observation ids were a third of every
    /// answer; get_entity_snapshot and get_field_provenance give the origin of the one an agent reads.</param>
    public async Task<EntityList> RetrieveAsync(string userId, string? entityType, string? text, bool includeMerged, bool includeProvenance,
        Paging paging, CancellationToken cancellationToken)
    {
        if (text is { Length: > MaxQueryLength })
        {
            throw StrataException.Validation($"query must be at most {MaxQueryLength} characters.");
        }
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var query = new EntityQuery(entityType?.Trim().ToLowerInvariant(), string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            includeMerged, paging.Validated(), includeProvenance);
        var page = await session.Entities.QueryAsync(query, cancellationToken);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        return new EntityList(page.Items.Select(s => Views.Of(s, DisplayNames.Of(catalog, s), withProvenance: includeProvenance)).ToList(),
            page.NextCursor, page.Total);
    }

    /// <summary>The snapshot now, or recomputed from what was recorded up to <paramref name="at"/>.
    /// A merged entity answers with its target's snapshot and says it was redirected.</summary>
    public async Task<SnapshotView> GetSnapshotAsync(string userId, string entityId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var requested = await EntityAccess.GetForReadAsync(session.Entities, entityId, cancellationToken);
        var current = await Observations.ObservationWriter.FollowMergesAsync(session.Entities, requested, cancellationToken);
        var redirectedFrom = current.Id == requested.Id ? null : requested.Id;
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var snapshot = at is null
            ? await session.Entities.GetSnapshotAsync(current.Id, cancellationToken)
            : await SnapshotRefresher.ComputeAsync(session, catalog, current, at, cancellationToken);
        snapshot ??= new Snapshot(current.Id, current.EntityType, current.CanonicalName,
            new Dictionary<string, System.Text.Json.JsonElement>(), new Dictionary<string, string>(), 0, current.CreatedAt, current.MergedInto);
        return Views.Of(snapshot, DisplayNames.Of(catalog, snapshot), redirectedFrom);
    }

    public async Task<ObservationList> ListObservationsAsync(string userId, string entityId, Paging paging, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var requested = await EntityAccess.GetForReadAsync(session.Entities, entityId, cancellationToken);
        var current = await Observations.ObservationWriter.FollowMergesAsync(session.Entities, requested, cancellationToken);
        var page = await session.Observations.ListForEntityPagedAsync(current.Id, paging.Validated(), cancellationToken);
        var evidence = await EvidenceViews.ForAsync(session.Evidence, page.Items.Select(o => o.Id).ToList(), cancellationToken);
        return new ObservationList(current.Id,
            page.Items.Select(o => Views.Of(o) with { Evidence = evidence.GetValueOrDefault(o.Id) }).ToList(), page.NextCursor, page.Total);
    }

    /// <summary>Value → observation → run with its config → source with its hash and file name.</summary>
    public async Task<ProvenanceChain> GetFieldProvenanceAsync(string userId, string entityId, string field, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var requested = await EntityAccess.GetForReadAsync(session.Entities, entityId, cancellationToken);
        var current = await Observations.ObservationWriter.FollowMergesAsync(session.Entities, requested, cancellationToken);
        var snapshot = await session.Entities.GetSnapshotAsync(current.Id, cancellationToken);
        if (snapshot is null || !snapshot.Provenance.TryGetValue(field, out var observationId))
        {
            throw StrataException.Validation($"Entity {current.Id} has no value for '{field}'.");
        }
        var observation = await session.Observations.GetAsync(observationId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.InternalError, $"Observation {observationId} is missing.");
        var run = observation.RunId is null ? null : await session.Runs.GetAsync(observation.RunId, cancellationToken);
        var source = observation.SourceId is null ? null : await session.Sources.GetAsync(observation.SourceId, cancellationToken);
        var evidence = await EvidenceViews.ForAsync(session.Evidence, [observation.Id], cancellationToken);
        var ofObservation = evidence.GetValueOrDefault(observation.Id);
        var ofField = ofObservation?.GetValueOrDefault(field);
        var item = ofField is null || run is null ? null : await session.RunItems.GetAsync(run.Id, ofField.ItemIndex, cancellationToken);
        return new ProvenanceChain(current.Id, field, snapshot.Fields[field], Views.Of(observation) with { Evidence = ofObservation },
            run is null ? null : Views.Of(run), source is null ? null : Views.Of(source),
            item is null ? null : new ProvenanceItem(item.Index, item.Start, item.Length, item.Status), ofField);
    }

    public async Task<TimelineList> TimelineAsync(string userId, string? from, string? to, string? entityType, Paging paging,
        CancellationToken cancellationToken)
    {
        var fromDate = ParseBound(from, "from");
        var toDate = ParseBound(to, "to");
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var page = await session.Entities.TimelineAsync(
            new TimelineQuery(fromDate, toDate, entityType?.Trim().ToLowerInvariant(), paging.Validated()), cancellationToken);
        return new TimelineList(page.Items.Select(Views.Of).ToList(), page.NextCursor, page.Total);
    }

    private static string? ParseBound(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return FieldCoercion.TryParseDate(value, out var date)
            ? date
            : throw StrataException.Validation($"{name} must be a date such as 2024-01-31 (got '{value}').");
    }
}
