using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;
using Strata.Core.Text;

namespace Strata.Core.Entities;

/// <summary>
/// <c>correct</c>: a person's or agent's statement of a field's value, at priority 1000. It outranks every
/// interpretation and structured write, now and later; only a newer correction replaces it.
/// </summary>
public sealed class CorrectionService(IStrataStore store, TimeProvider clock)
{
    public const int MaxReasonLength = 2000;

    public async Task<CorrectionResult> CorrectAsync(string userId, string entityId, string field, JsonElement value,
        string? reason, CancellationToken cancellationToken)
    {
        if (reason is { Length: > MaxReasonLength })
        {
            throw StrataException.Validation($"reason must be at most {MaxReasonLength} characters.");
        }
        if (StorableText.Find(value, field) is { } problem) throw StrataException.Validation($"{problem}.");
        if (reason is not null) StorableText.Require(reason, "reason");
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var entity = await EntityAccess.GetCurrentForChangeAsync(session.Entities, entityId, cancellationToken);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var schema = catalog.ForEntity(entity.EntityType);
        if (!schema.Fields.TryGetValue(field, out var definition))
        {
            throw StrataException.Validation(
                $"'{field}' is not a field of {entity.EntityType}; declared fields: {string.Join(", ", schema.Fields.Keys)}.");
        }
        if (!FieldCoercion.TryCoerce(value, definition, out var coerced))
        {
            throw StrataException.Validation($"'{field}' of {entity.EntityType} takes {definition.Type}; {value.GetRawText()} does not fit.");
        }

        await session.Entities.LockAsync([entity.Id], cancellationToken);
        var canonicalValue = CanonicalJson.Serialize(coerced);
        var current = await session.Entities.GetSnapshotAsync(entity.Id, cancellationToken);
        string? supersedes = null;
        if (current is not null && current.Provenance.TryGetValue(field, out var winnerId))
        {
            var winner = await session.Observations.GetAsync(winnerId, cancellationToken);
            if (winner is { Kind: ObservationKinds.Correction } && winner.Reason == reason
                && CanonicalJson.Serialize(winner.Fields[field]) == canonicalValue)
            {
                return new CorrectionResult(winner.Id, entity.Id, field, coerced, winner.Priority); // a retry
            }
            supersedes = winnerId;
        }

        var now = clock.GetUtcNow();
        var observation = new Observation(
            StrataIds.Correction(entity.Id, field, canonicalValue, supersedes ?? now.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            userId, entity.Id, SourceId: null, RunId: null, ObservationKinds.Correction, "correction", Priorities.Correction,
            ObservationStates.Accepted, new Dictionary<string, JsonElement> { [field] = coerced }, reason, now, now);
        await session.Observations.InsertAsync(observation, cancellationToken);
        await SnapshotRefresher.RefreshAsync(session, catalog, entity, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new CorrectionResult(observation.Id, entity.Id, field, coerced, observation.Priority);
    }
}
