using System.Text.Json;
using Strata.Core.Deletions;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>
/// Block schemas in the schema registry. A block schema's uid is the SHA-256 of its canonical JSON (as for every
/// schema). Registering the same ref with the same uid returns the version that has it; the same ref with another uid
/// is <c>SCHEMA_CONFLICT</c> unless a new version is asked for, since runs and confirmed values name the version they used.
/// </summary>
public sealed class BlockSchemaService(IStrataStore store, TimeProvider clock)
{
    public async Task<RegisterBlockSchemaResult> RegisterAsync(string userId, JsonElement definition, bool newVersion, CancellationToken cancellationToken)
    {
        BlockSchemaInput? input;
        try
        {
            input = definition.Deserialize(StrataJson.Wire.BlockSchemaInput);
        }
        catch (JsonException failure)
        {
            throw StrataException.Validation($"The block schema is not valid: {failure.Message}");
        }
        if (input is null) throw StrataException.Validation("The block schema is not valid: expected an object with schema_ref, properties and prompt_config.");
        var schema = BlockSchemas.Define(input);
        var uid = SchemaService.Uid(schema);

        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var versions = await session.Schemas.ListVersionsAsync(schema.EntityType, cancellationToken);
        if (versions.Count > 0 && versions.Any(v => v.Definition.Block is null))
        {
            throw new StrataException(ErrorCodes.SchemaConflict,
                $"'{schema.EntityType}' is one of your entity types, not a block schema; choose another schema_ref.");
        }
        if (versions.FirstOrDefault(v => v.SchemaUid == uid) is { } same)
        {
            return new RegisterBlockSchemaResult(schema.EntityType, same.Version, uid, Created: false);
        }
        var latest = versions.MaxBy(v => v.Version);
        if (latest is not null && !newVersion)
        {
            throw new StrataException(ErrorCodes.SchemaConflict,
                $"Block schema '{schema.EntityType}' version {latest.Version} has another definition (uid {latest.SchemaUid}). "
                + "Register it as a new version (new_version: true, --new-version) or choose another schema_ref.");
        }
        var registered = new RegisteredSchema(schema, (latest?.Version ?? 0) + 1, uid, BuiltIn: false, clock.GetUtcNow());
        await session.Schemas.InsertAsync(registered, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new RegisterBlockSchemaResult(schema.EntityType, registered.Version, uid, Created: true);
    }

    public async Task<BlockSchemaList> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var latest = await session.Schemas.ListLatestAsync(cancellationToken);
        return new BlockSchemaList(latest.Where(s => s.Definition.Block is not null)
            .Select(s => new BlockSchemaSummary(s.Definition.EntityType, s.Version, s.SchemaUid, s.Definition.Fields.Count - 1, s.Definition.Description))
            .ToList());
    }

    /// <summary>The latest version, or the one asked for.</summary>
    public async Task<BlockSchemaView> GetAsync(string userId, string schemaRef, int? version, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return View(await FindAsync(session, schemaRef, version, cancellationToken));
    }

    /// <summary>Deletes every version of a block schema. Refused with <c>SCHEMA_IN_USE</c> while runs use it, unless
    /// forced: then those runs go too (their values, items, the observations their confirmed values became and the entities
    /// that existed only by them).</summary>
    public async Task<DeleteBlockSchemaResult> DeleteAsync(string userId, string schemaRef, bool force, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        await FindAsync(session, schemaRef, null, cancellationToken);
        var runs = await session.Review.ListRunsAsync(null, null, schemaRef, cancellationToken);
        if (runs.Count > 0 && !force)
        {
            throw new StrataException(ErrorCodes.SchemaInUse,
                $"{runs.Count} run(s) use block schema '{schemaRef}' ({string.Join(", ", runs.Take(5).Select(r => r.RunId))}"
                + $"{(runs.Count > 5 ? ", …" : "")}). Delete them first, or delete the schema with force to delete them too.");
        }
        var removed = new List<DeleteBlockRunResult>();
        var now = clock.GetUtcNow();
        foreach (var run in runs) removed.Add(await BlockRunRemoval.DeleteAsync(session, run.RunId, now, cancellationToken));
        var versions = await session.Schemas.DeleteAsync(schemaRef, cancellationToken);
        var entities = removed.Sum(r => r.EntitiesRemoved);
        await session.Deletions.InsertAsync(new Deletion(StrataIds.NewDeletion(), userId, "block_schema", schemaRef, schemaRef,
            new Dictionary<string, long> { ["versions"] = versions, ["block_runs"] = removed.Count, ["entities"] = entities }, now), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new DeleteBlockSchemaResult(schemaRef, versions, removed, entities);
    }

    internal static async Task<RegisteredSchema> FindAsync(IStoreReader session, string schemaRef, int? version, CancellationToken cancellationToken)
    {
        var versions = await session.Schemas.ListVersionsAsync(schemaRef.Trim(), cancellationToken);
        var found = version is null ? versions.MaxBy(v => v.Version) : versions.FirstOrDefault(v => v.Version == version);
        return found is { Definition.Block: not null }
            ? found
            : throw new StrataException(ErrorCodes.SchemaNotFound,
                version is null ? $"No block schema '{schemaRef}'." : $"No block schema '{schemaRef}' version {version}.");
    }

    private static BlockSchemaView View(RegisteredSchema schema) => new(schema.Definition.EntityType, schema.Version, schema.SchemaUid,
        schema.Definition.Description, schema.Definition.Block!.Properties, schema.Definition.Block.Required, schema.Definition.Block.PromptConfig,
        schema.CreatedAt);
}
