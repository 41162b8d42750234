using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Forgetting on request: an entity, one observation, a source, each removed with what was derived from it and audited.</summary>
public static class ForgetOperations
{
    private static readonly OperationTraits Destructive = new(ReadOnly: false, Destructive: true, Idempotent: false);

    private const string Audited = "Explicit and final; audited in list_deletions by ids and counts, never content. "
        + "Answers what it removed, counted by kind. The id then answers as one that never existed, and a later write may create it anew.";

    public static readonly StrataOperation DeleteEntity = new("delete_entity", "Forget an entity",
        "Delete an entity and every observation on it (with their evidence, reviewed block values and raw fragments), its snapshot, "
        + "search entries, timeline, identity and blocking keys and duplicate candidates; entities merged into it go with it. "
        + "A merged id forgets the entity it was merged into, as reads show them as one. " + Audited,
        Destructive,
        [CommonParameters.EntityId("The entity to forget (ent_...).")],
        () => StrataJson.Wire.DeleteResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Forgetting.DeleteEntityAsync(call.UserId, call.Arguments.RequiredString("entity_id"), ct), StrataJson.Wire.DeleteResult))
    {
        Route = HttpRoute.Delete("/v1/entities/{entity_id}"),
    };

    public static readonly StrataOperation DeleteObservation = new("delete_observation", "Forget an observation",
        "Delete one observation (an id from list_observations or get_field_provenance) with its evidence; its entity is computed again "
        + "from what it still holds, or removed when nothing else observes it. " + Audited,
        Destructive,
        [new("observation_id", ParameterType.String, "The observation to forget (obs_...).", Required: true)],
        () => StrataJson.Wire.DeleteResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Forgetting.DeleteObservationAsync(call.UserId, call.Arguments.RequiredString("observation_id"), ct),
            StrataJson.Wire.DeleteResult))
    {
        Route = HttpRoute.Delete("/v1/observations/{observation_id}"),
    };

    public static readonly StrataOperation DeleteSource = new("delete_source", "Forget a source",
        "Delete a source (a file uploaded by mistake, a conversation) and everything made from it: its runs with their items, raw "
        + "fragments, observations and evidence, its document and blocks if it is one, and its bytes; entities it alone fed are removed, "
        + "the others computed again. A source a run is interpreting right now answers CONFLICT: cancel the run first. " + Audited,
        Destructive,
        [new("source_id", ParameterType.String, "The source to forget (src_...).", Required: true)],
        () => StrataJson.Wire.DeleteResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Forgetting.DeleteSourceAsync(call.UserId, call.Arguments.RequiredString("source_id"), ct), StrataJson.Wire.DeleteResult))
    {
        Route = HttpRoute.Delete("/v1/sources/{source_id}"),
    };
}
