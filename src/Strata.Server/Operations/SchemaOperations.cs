using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Schemas: the entity types, their fields and merge policies.</summary>
public static class SchemaOperations
{
    public static readonly StrataOperation RegisterSchema = new("register_schema", "Register an entity type",
        "Register a schema: {\"entity_type\":\"book\",\"fields\":{\"title\":{\"type\":\"string\"},\"published\":{\"type\":\"date\",\"timeline\":true}},"
        + "\"canonical_name\":[\"title\"],\"description\":\"A book.\"}. Field types: string, number, boolean, date, datetime, enum (with \"values\"), array, object; "
        + "optional policy: highest_priority (default), last_write, merge_array, most_specific. "
        + "canonical_name lists the fields (or a+b combinations) that identify an entity; optional display_name lists those "
        + "that name it to a person (default: canonical_name's, over the current values). Registering an unchanged schema "
        + "is a no-op; a changed one becomes a new version. It may override a built-in type for you only.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [new("schema", ParameterType.Object, "The schema definition: entity_type, fields, canonical_name, optional description and display_name.", Required: true)],
        () => StrataJson.Wire.RegisterSchemaResult,
        async (call, ct) =>
        {
            var result = await call.Services.Schemas.RegisterAsync(call.UserId, call.Arguments.Element("schema")!.Value, ct);
            return OperationResult.Of(result, StrataJson.Wire.RegisterSchemaResult, created: result.Created);
        })
    {
        Route = HttpRoute.PostWrapping("/v1/schemas", "schema"),
        AnswersCreated = true,
    };

    public static readonly StrataOperation ListSchemas = new("list_schemas", "List entity types",
        "The schemas in force for you: the built-in types (contact, company, transaction, event, task, note, document, fact, "
        + "generic) and the ones you registered, with version, uid and field count.",
        OperationTraits.Read,
        [],
        () => StrataJson.Wire.SchemaList,
        async (call, ct) => OperationResult.Of(await call.Services.Schemas.ListAsync(call.UserId, ct), StrataJson.Wire.SchemaList))
    {
        Route = HttpRoute.Get("/v1/schemas"),
    };

    public static readonly StrataOperation GetSchema = new("get_schema", "Get an entity type",
        "One schema's full definition.",
        OperationTraits.Read,
        [new("entity_type", ParameterType.String, "The type, e.g. contact.", Required: true)],
        () => StrataJson.Wire.SchemaView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Schemas.GetAsync(call.UserId, call.Arguments.RequiredString("entity_type"), ct), StrataJson.Wire.SchemaView))
    {
        Route = HttpRoute.Get("/v1/schemas/{entity_type}"),
        IsTool = false,
    };
}
