using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Observations;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Imports;

/// <summary>
/// <c>get_chat_evidence</c>: follows a fact from a chat import back to the exact words of its message. Asked by observation
/// or by an entity's field (its winning observation), it lists each field's message (conversation, index, id, role, time)
/// and the character range of the quote, with the text sliced from the stored conversation itself, so what is shown is
/// what was said. Another user's observation or entity answers exactly like a missing one.
/// </summary>
public sealed class ChatEvidenceQueries(IStrataStore store, IBlobStore blobs)
{
    public async Task<ChatEvidenceView> GetAsync(string userId, string? observationId, string? entityId, string? field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(observationId) == string.IsNullOrWhiteSpace(entityId))
        {
            throw StrataException.Validation("Give either observation_id, or entity_id with field.");
        }
        if (entityId is not null && string.IsNullOrWhiteSpace(field))
        {
            throw StrataException.Validation("field is required with entity_id: the field whose value to trace, e.g. value.");
        }
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        Observation observation;
        if (entityId is not null)
        {
            var requested = await EntityAccess.GetForReadAsync(session.Entities, entityId, cancellationToken);
            var current = await ObservationWriter.FollowMergesAsync(session.Entities, requested, cancellationToken);
            var snapshot = await session.Entities.GetSnapshotAsync(current.Id, cancellationToken);
            if (snapshot is null || !snapshot.Provenance.TryGetValue(field!, out var winning))
            {
                throw StrataException.Validation($"Entity {current.Id} has no value for '{field}'.");
            }
            observation = await session.Observations.GetAsync(winning, cancellationToken)
                ?? throw new StrataException(ErrorCodes.InternalError, $"Observation {winning} is missing.");
        }
        else
        {
            observation = await session.Observations.GetAsync(observationId!, cancellationToken)
                ?? throw new StrataException(ErrorCodes.ObservationNotFound, $"No observation {observationId}.");
        }
        var rows = (await session.ChatImports.ListEvidenceAsync(observation.Id, cancellationToken))
            .Where(e => entityId is null || e.Field == field).ToList();
        var conversations = new Dictionary<string, CanonicalConversation>(StringComparer.Ordinal);
        var evidence = new List<MessageEvidenceView>(rows.Count);
        foreach (var row in rows)
        {
            if (!conversations.TryGetValue(row.SourceId, out var conversation))
            {
                conversation = await ReadAsync(session, row.SourceId, cancellationToken);
                conversations[row.SourceId] = conversation;
            }
            var message = conversation.Messages[row.MessageIndex];
            var text = row.Found && row.Start is { } start && row.Length is { } length && start + length <= message.Text.Length
                ? message.Text.Substring(start, length)
                : null;
            evidence.Add(new MessageEvidenceView(row.Field, row.ImportId, row.SourceId, conversation.Id, conversation.Title, row.MessageIndex,
                row.MessageId, row.BlockUid, message.Role, message.CreatedAt, text is not null, text is null ? null : row.Start,
                text is null ? null : row.Length, text, row.Quote));
        }
        var entity = await session.Entities.GetAsync(observation.EntityId, cancellationToken);
        var answering = entity is null ? observation.EntityId : (await ObservationWriter.FollowMergesAsync(session.Entities, entity, cancellationToken)).Id;
        return new ChatEvidenceView(observation.Id, answering, entityId is null ? null : field, observation.SourceId, evidence);
    }

    private async Task<CanonicalConversation> ReadAsync(IStoreReader session, string sourceId, CancellationToken cancellationToken)
    {
        var source = await session.Sources.GetAsync(sourceId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.InternalError, $"Source {sourceId} of a chat fact is missing.");
        return await ConversationSources.ReadAsync(blobs, source, cancellationToken);
    }
}
