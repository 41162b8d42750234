using System.Text.Json;
using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Storage;

namespace Strata.Core.Relations;

/// <summary>The relations part of a structured write (<c>store</c> / <c>ingest_structured</c>): read, kept in its source, checked.</summary>
public static class StructuredRelations
{
    public const int MaxPerCall = 1000;

    public static IReadOnlyList<RelationInput> Parse(IReadOnlyList<JsonElement>? relations, int entityCount)
    {
        if (relations is null) return [];
        if (relations.Count > MaxPerCall)
        {
            throw StrataException.Validation($"{relations.Count} relations is more than the limit of {MaxPerCall} per call; send them in batches.");
        }
        return relations.Select((relation, index) => RelationInput.Parse(relation, index, entityCount)).ToList();
    }

    /// <summary>The payload kept as the write's source: the entities array as before when no relation is stated (so the
    /// same entities still dedupe to the same source), else one canonical object holding both.</summary>
    public static byte[] Payload(IReadOnlyList<JsonElement> entities, IReadOnlyList<JsonElement>? relations)
    {
        if (relations is not { Count: > 0 }) return CanonicalJson.SerializeArrayToUtf8(entities);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("entities");
            writer.WriteRawValue(CanonicalJson.SerializeArrayToUtf8(entities), skipInputValidation: true);
            writer.WritePropertyName("relations");
            writer.WriteRawValue(CanonicalJson.SerializeArrayToUtf8(relations), skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Every end named by id must be an entity of this user (another user's answers as a missing one).</summary>
    public static async Task CheckNamedEndsAsync(IStoreReader session, IReadOnlyList<RelationInput> relations, CancellationToken cancellationToken)
    {
        var ids = relations.SelectMany(r => new[] { r.From.EntityId, r.To.EntityId }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;
        var found = await session.Entities.GetManyAsync(ids, cancellationToken);
        if (ids.FirstOrDefault(id => !found.ContainsKey(id)) is { } missing) throw EntityAccess.NotFound(missing);
    }
}
