using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Relations;
using Strata.Core.Storage;

namespace Strata.Core.Schemas;

/// <summary><c>register_schema</c> and <c>list_schemas</c>. A schema's uid is the SHA-256 of its canonical JSON;
/// registering an unchanged schema again is a no-op, a changed one is a new version.</summary>
public sealed class SchemaService(IStrataStore store, TimeProvider clock)
{
    public async Task<RegisterSchemaResult> RegisterAsync(string userId, JsonElement definition, CancellationToken cancellationToken)
    {
        SchemaDefinition? schema;
        try
        {
            schema = definition.Deserialize(StrataJson.Wire.SchemaDefinition);
        }
        catch (JsonException failure)
        {
            throw StrataException.Validation($"The schema is not valid: {failure.Message}");
        }
        if (schema is null)
        {
            throw StrataException.Validation("The schema is not valid: expected an object with entity_type, fields and canonical_name.");
        }
        SchemaValidator.Validate(schema);
        var uid = Uid(schema);

        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var versions = await session.Schemas.ListVersionsAsync(schema.EntityType, cancellationToken);
        var latest = versions.MaxBy(v => v.Version);
        if (latest is not null && latest.SchemaUid == uid)
        {
            return new RegisterSchemaResult(schema.EntityType, latest.Version, uid, Created: false);
        }
        await CheckRelationsAsync(session, schema, cancellationToken);
        var registered = new RegisteredSchema(schema, (latest?.Version ?? 0) + 1, uid, BuiltIn: false, clock.GetUtcNow());
        await session.Schemas.InsertAsync(registered, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new RegisterSchemaResult(schema.EntityType, registered.Version, uid, Created: true);
    }

    /// <summary>The relation types this schema declares must read one way with those of the user's other schemas.</summary>
    private static async Task CheckRelationsAsync(IStoreReader session, SchemaDefinition schema, CancellationToken cancellationToken)
    {
        var own = await session.Schemas.ListLatestAsync(cancellationToken);
        var together = own.Select(s => s.Definition).Where(s => s.EntityType != schema.EntityType).Append(schema);
        if (RelationTypeCatalog.Problems(together) is { Count: > 0 } problems)
        {
            throw StrataException.Validation("The schema is not valid: " + string.Join("; ", problems) + ".");
        }
    }

    public async Task<SchemaList> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var all = await InForceAsync(userId, cancellationToken);
        return new SchemaList(all.Select(s => new SchemaSummary(s.Definition.EntityType, s.Version, s.SchemaUid, s.BuiltIn,
            s.Definition.Fields.Count, s.Definition.Description)).ToList());
    }

    public async Task<SchemaView> GetAsync(string userId, string entityType, CancellationToken cancellationToken)
    {
        var all = await InForceAsync(userId, cancellationToken);
        var schema = all.FirstOrDefault(s => s.Definition.EntityType == entityType.Trim().ToLowerInvariant())
            ?? throw new StrataException(ErrorCodes.SchemaNotFound, $"No schema for type '{entityType}'.");
        return new SchemaView(schema.Definition.EntityType, schema.Version, schema.SchemaUid, schema.BuiltIn,
            JsonSerializer.SerializeToElement(schema.Definition, StrataJson.Wire.SchemaDefinition), schema.CreatedAt);
    }

    private async Task<List<RegisteredSchema>> InForceAsync(string userId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var own = await session.Schemas.ListLatestAsync(cancellationToken);
        var builtIn = BuiltInSchemas.All
            .Where(b => own.All(o => o.Definition.EntityType != b.EntityType))
            .Select(b => new RegisteredSchema(b, 1, Uid(b), BuiltIn: true, DateTimeOffset.UnixEpoch));
        return builtIn.Concat(own).OrderBy(s => s.Definition.EntityType, StringComparer.Ordinal).ToList();
    }

    public static string Uid(SchemaDefinition schema) =>
        Sha256Hex.Of(CanonicalJson.Serialize(JsonSerializer.SerializeToElement(schema, StrataJson.Wire.SchemaDefinition)));
}
