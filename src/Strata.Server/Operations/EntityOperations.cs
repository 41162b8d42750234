using Strata.Core.Observations;
using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Entities: structured writes, corrections, merges, and the reads with provenance.</summary>
public static class EntityOperations
{
    public static readonly StrataOperation IngestStructured = new("ingest_structured", "Store entities you state",
        "Write entities you state yourself. Each item is an object with entity_type (contact, company, transaction, event, "
        + "task, note, document, fact, or a registered type) and field values, e.g. {\"entity_type\":\"contact\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}. "
        + "An entity is identified by its type and identity keys (a contact by email, phone, or name with birthday; a name alone only "
        + "when one entity has it), so stating it again updates the same entity; a record whose birthday disagrees stays apart. "
        + "The payload is kept as a source; retrying the same payload (and idempotency_key) changes nothing. "
        + "Fields the schema does not declare are kept as unknown fields, not lost.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [
            new("entities", ParameterType.Array, "The entities: objects with entity_type and field values.", Required: true)
            {
                Items = ParameterType.Object,
            },
            new("source_priority", ParameterType.Integer,
                "Priority of these observations (default 100). Interpretations have 0 and corrections 1000; the highest wins, then the latest."),
            new("idempotency_key", ParameterType.String,
                "Set a new key to deliberately repeat an identical payload as a new write; a retry with the same key is a no-op."),
            new("relations", ParameterType.Array,
                "Relations to record (docs/graph.md): objects {from, relation_type, to, properties?, valid_from?, valid_to?, retract?}, each end an "
                + "entity id (ent_...) or the index of an entity in entities. A valid_to ends a relation, retract withdraws it; works_at and "
                + "reports_to hold one at a time, so a new one ends the previous.")
            {
                Items = ParameterType.Object,
            },
        ],
        () => StrataJson.Wire.StoreResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Structured.StoreAsync(call.UserId, new StoreRequest(
                call.Arguments.Element("entities")!.Value.EnumerateArray().ToList(),
                call.Arguments.Int("source_priority"),
                call.Arguments.String("idempotency_key"),
                call.Arguments.Element("relations")?.EnumerateArray().ToList()), ct),
            StrataJson.Wire.StoreResult))
    {
        Route = HttpRoute.Post("/v1/entities"),
    };

    public static readonly StrataOperation RetrieveEntities = new("retrieve_entities", "Find entities",
        "Find entities, newest first: filter by entity_type and/or a text query matched against names and field values. "
        + "Each result is a snapshot: current field values, display name and observation count; provenance (per field, the observation "
        + "that supplied it) is null unless include_provenance is true (get_entity_snapshot and get_field_provenance always give it). "
        + "Merged entities are left out unless include_merged is true.",
        OperationTraits.Read,
        [
            CommonParameters.EntityTypeFilter,
            new("query", ParameterType.String,
                "Text found in the canonical name or any field value: entities where every word of it begins a word (case and accents aside) come first, then those that contain the words elsewhere; newest first within each."),
            new("include_merged", ParameterType.Boolean, "Also list entities that were merged into others. Default false."),
            new("include_provenance", ParameterType.Boolean,
                "Also give each entity's provenance: per field, the id of the observation that supplied its value. Default false (provenance is null)."),
            CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip,
        ],
        () => StrataJson.Wire.EntityList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Entities.RetrieveAsync(call.UserId, call.Arguments.String("entity_type"), call.Arguments.String("query"),
                call.Arguments.Bool("include_merged") ?? false, call.Arguments.Bool("include_provenance") ?? false,
                CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.EntityList))
    {
        Route = HttpRoute.Get("/v1/entities"),
    };

    public static readonly StrataOperation GetEntitySnapshot = new("get_entity_snapshot", "Get an entity",
        "An entity's snapshot: every field's current value and the observation it came from. Give at (ISO 8601) to see it "
        + "as it stood then. A merged entity answers with the entity it was merged into (redirected_from says so).",
        OperationTraits.Read,
        [
            CommonParameters.EntityId(),
            new("at", ParameterType.String, "A past time (ISO 8601, e.g. 2024-05-01T12:00:00Z): the snapshot as recorded up to then.") { Format = "date-time" },
        ],
        () => StrataJson.Wire.SnapshotView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Entities.GetSnapshotAsync(call.UserId, call.Arguments.RequiredString("entity_id"),
                TimeArgument.Parse(call.Arguments.String("at")), ct),
            StrataJson.Wire.SnapshotView))
    {
        Route = HttpRoute.Get("/v1/entities/{entity_id}"),
    };

    public static readonly StrataOperation ListObservations = new("list_observations", "List an entity's observations",
        "Every observation of an entity — from interpretations, structured writes and corrections — with its priority, "
        + "state, source, run and locator. Use it to see competing values, not only the winning ones.",
        OperationTraits.Read,
        [CommonParameters.EntityId(), CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip],
        () => StrataJson.Wire.ObservationList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Entities.ListObservationsAsync(call.UserId, call.Arguments.RequiredString("entity_id"),
                CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.ObservationList))
    {
        Route = HttpRoute.Get("/v1/entities/{entity_id}/observations"),
    };

    public static readonly StrataOperation GetFieldProvenance = new("get_field_provenance", "Trace a field's value",
        "Where a field's current value comes from: the winning observation, the run that made it (interpreter and config) "
        + "and the source (file name, type, SHA-256).",
        OperationTraits.Read,
        [CommonParameters.EntityId(), new("field", ParameterType.String, "The field's name, e.g. email.", Required: true)],
        () => StrataJson.Wire.ProvenanceChain,
        async (call, ct) => OperationResult.Of(
            await call.Services.Entities.GetFieldProvenanceAsync(call.UserId, call.Arguments.RequiredString("entity_id"),
                call.Arguments.RequiredString("field"), ct),
            StrataJson.Wire.ProvenanceChain))
    {
        Route = HttpRoute.Get("/v1/entities/{entity_id}/provenance/{field}"),
    };

    public static readonly StrataOperation ListTimelineEvents = new("list_timeline_events", "List dated events",
        "Dated events taken from entities' date fields (birthdays, transaction dates, event starts, due dates...), in date order. "
        + "Narrow with from/to (dates such as 2024-01-31, inclusive) and entity_type.",
        OperationTraits.Read,
        [
            new("from", ParameterType.String, "First date, inclusive (e.g. 2024-01-01).") { Format = "date" },
            new("to", ParameterType.String, "Last date, inclusive (e.g. 2024-12-31).") { Format = "date" },
            CommonParameters.EntityTypeFilter,
            CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip,
        ],
        () => StrataJson.Wire.TimelineList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Entities.TimelineAsync(call.UserId, call.Arguments.String("from"), call.Arguments.String("to"),
                call.Arguments.String("entity_type"), CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.TimelineList))
    {
        Route = HttpRoute.Get("/v1/timeline"),
    };

    public static readonly StrataOperation Correct = new("correct", "Correct a field",
        "Set a field of an entity to a value (a string, number, boolean, list... as the schema types it). The correction "
        + "outranks every interpretation and structured write, now and after later ingests, until a newer correction "
        + "replaces it. Earlier observations are kept. Repeating the same correction changes nothing.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [
            CommonParameters.EntityId(),
            new("field", ParameterType.String, "A field the entity's schema declares (list_schemas shows them).", Required: true),
            new("value", ParameterType.Any, "The new value, as JSON; null clears the field.", Required: true),
            new("reason", ParameterType.String, "Why, kept with the correction."),
        ],
        () => StrataJson.Wire.CorrectionResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Corrections.CorrectAsync(call.UserId, call.Arguments.RequiredString("entity_id"),
                call.Arguments.RequiredString("field"), call.Arguments.Element("value")!.Value, call.Arguments.String("reason"), ct),
            StrataJson.Wire.CorrectionResult))
    {
        Route = HttpRoute.Post("/v1/entities/{entity_id}/corrections"),
    };

    public static readonly StrataOperation MergeEntities = new("merge_entities", "Merge duplicate entities",
        "Merge one entity into another of the same type: all observations move to to_entity_id, from_entity_id is marked "
        + "merged, and its reads and later writes redirect to the target. Cannot be undone; nothing is deleted.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: true),
        [
            new("from_entity_id", ParameterType.String, "The duplicate that goes away (ent_...).", Required: true),
            new("to_entity_id", ParameterType.String, "The entity that stays (ent_...).", Required: true),
            new("reason", ParameterType.String, "Why, kept in the merge record."),
        ],
        () => StrataJson.Wire.MergeResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Merges.MergeAsync(call.UserId, call.Arguments.RequiredString("from_entity_id"),
                call.Arguments.RequiredString("to_entity_id"), call.Arguments.String("reason"), ct),
            StrataJson.Wire.MergeResult))
    {
        Route = HttpRoute.Post("/v1/merges"),
    };
}
