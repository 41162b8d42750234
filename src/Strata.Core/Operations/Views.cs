using System.Text.Json;
using Strata.Core.Duplicates;
using Strata.Core.Storage;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Snapshots;
using Strata.Core.Sources;
using Strata.Core.Users;

namespace Strata.Core.Operations;

/// <summary>Domain records to the result records every interface renders.</summary>
public static class Views
{
    public static SourceView Of(Source source) => new(source.Id, source.ContentHash, source.ByteSize, source.MimeType,
        source.OriginalFilename, source.StorageStatus, source.CreatedAt, source.StorageError);

    public static RunView Of(Run run) => new(run.Id, run.SourceId, run.Interpreter, run.InterpreterVersion,
        JsonDocument.Parse(run.ConfigJson).RootElement.Clone(), run.ConfigHash, run.Status, run.ItemsCount,
        run.ObservationsCreated, run.UnknownFieldsCount, run.Error, run.CreatedAt, run.StartedAt, run.CompletedAt, run.HeartbeatAt, run.ArchivedAt,
        run.ValuesTooLong);

    public static ObservationView Of(Observation observation) => new(observation.Id, observation.EntityId,
        observation.SourceId, observation.RunId, observation.Kind, observation.Locator, observation.Priority,
        observation.State, observation.Fields, observation.Reason, observation.ObservedAt, observation.CreatedAt);

    public static SnapshotView Of(Snapshot snapshot, string displayName, string? redirectedFrom = null, bool withProvenance = true) =>
        new(snapshot.EntityId, snapshot.EntityType, snapshot.CanonicalName, displayName, snapshot.Fields,
        withProvenance ? snapshot.Provenance : null, snapshot.ObservationCount,
        snapshot.UpdatedAt, snapshot.MergedInto, redirectedFrom);

    public static TimelineEventView Of(TimelineEvent e) => new(e.Date, e.EntityId, e.EntityType, e.CanonicalName, e.Label, e.Field);

    public static DuplicateView Of(DuplicateCandidate pair) => new(pair.EntityType, new DuplicateEntityView(pair.EntityA, pair.NameA),
        new DuplicateEntityView(pair.EntityB, pair.NameB), pair.Score, pair.Status, pair.DetectedAt, pair.DismissedAt,
        StoredJson.ReadFields(pair.ReasonsJson));

    public static UserView Of(User user) => new(user.Id, user.Name, user.Plan, user.CreatedAt, user.HasApiKey);

    public static ApiKeyView Of(ApiKey key) => new(key.Id, key.Label, key.CreatedAt, key.LastUsedAt, key.RevokedAt, key.RevokedAt is null);
}
