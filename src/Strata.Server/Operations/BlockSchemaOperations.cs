using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Block schemas: what to fill in for every block of a document, and how to ask the model.</summary>
public static class BlockSchemaOperations
{
    public static readonly StrataOperation RegisterBlockSchema = new("register_block_schema", "Register a block schema",
        "Register what a model fills in for each block of a document: {\"schema_ref\":\"clause-review\",\"description\":\"…\","
        + "\"properties\":{\"clause_type\":{\"type\":\"string\",\"enum\":[\"payment\",\"liability\",\"other\"]},\"risk\":{\"type\":\"number\"}},"
        + "\"required\":[\"clause_type\"],\"prompt_config\":{\"system\":\"…\",\"block_prompt\":\"…\",\"model\":\"provider/model\",\"temperature\":0,"
        + "\"max_tokens_per_block\":512,\"max_blocks_per_call\":10}}. properties are JSON Schema properties (string, number, integer, boolean, "
        + "array, object, enum; format date or date-time). The same definition again returns the existing version; a changed one "
        + "is SCHEMA_CONFLICT unless new_version is true.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [
            new("schema", ParameterType.Object, "The block schema: schema_ref, properties, optional required, description and prompt_config.", Required: true),
            new("new_version", ParameterType.Boolean, "Register a changed definition as the next version (default false: a change is SCHEMA_CONFLICT)."),
        ],
        () => StrataJson.Wire.RegisterBlockSchemaResult,
        async (call, ct) =>
        {
            var result = await call.Services.BlockSchemas.RegisterAsync(call.UserId, call.Arguments.Element("schema")!.Value,
                call.Arguments.Bool("new_version") ?? false, ct);
            return OperationResult.Of(result, StrataJson.Wire.RegisterBlockSchemaResult, created: result.Created);
        })
    {
        Route = HttpRoute.PostWrapping("/v1/block-schemas", "schema"),
        AnswersCreated = true,
    };

    public static readonly StrataOperation ListBlockSchemas = new("list_block_schemas", "List block schemas",
        "Your block schemas, each at its latest version, with uid and field count.",
        OperationTraits.Read,
        [],
        () => StrataJson.Wire.BlockSchemaList,
        async (call, ct) => OperationResult.Of(await call.Services.BlockSchemas.ListAsync(call.UserId, ct), StrataJson.Wire.BlockSchemaList))
    {
        Route = HttpRoute.Get("/v1/block-schemas"),
    };

    public static readonly StrataOperation GetBlockSchema = new("get_block_schema", "Get a block schema",
        "One block schema: its properties and prompt config, at its latest version or the one asked for.",
        OperationTraits.Read,
        [
            new("schema_ref", ParameterType.String, "The schema's ref, e.g. clause-review.", Required: true),
            new("version", ParameterType.Integer, "A version (default: the latest).") { Minimum = 1 },
        ],
        () => StrataJson.Wire.BlockSchemaView,
        async (call, ct) => OperationResult.Of(await call.Services.BlockSchemas.GetAsync(call.UserId, call.Arguments.RequiredString("schema_ref"),
            call.Arguments.Int("version"), ct), StrataJson.Wire.BlockSchemaView))
    {
        Route = HttpRoute.Get("/v1/block-schemas/{schema_ref}"),
    };

    public static readonly StrataOperation DeleteBlockSchema = new("delete_block_schema", "Delete a block schema",
        "Deletes every version of a block schema. Refused (SCHEMA_IN_USE) while runs use it, unless force is true: then those runs "
        + "are deleted too (their values, blocks' items, the observations their confirmed values became and the entities nothing else "
        + "observes). Says what it removed (entities_removed).",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [
            new("schema_ref", ParameterType.String, "The schema's ref.", Required: true),
            new("force", ParameterType.Boolean, "Delete the runs that use it too (default false)."),
        ],
        () => StrataJson.Wire.DeleteBlockSchemaResult,
        async (call, ct) => OperationResult.Of(await call.Services.BlockSchemas.DeleteAsync(call.UserId, call.Arguments.RequiredString("schema_ref"),
            call.Arguments.Bool("force") ?? false, ct), StrataJson.Wire.DeleteBlockSchemaResult))
    {
        Route = HttpRoute.Delete("/v1/block-schemas/{schema_ref}"),
    };
}
