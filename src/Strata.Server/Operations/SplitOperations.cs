using System.Text.Json;
using Strata.Core.Entities.Splits;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Split and unmerge: the audited ways to take apart what was wrongly put together.</summary>
public static class SplitOperations
{
    public static readonly StrataOperation SplitEntity = new("split_entity", "Split an entity",
        "Move some of an entity's observations to an entity of their own: those listed in observation_ids, and every one from "
        + "source_ids or run_ids. Use it when one entity mixes two people or things. Both snapshots are recomputed; corrections "
        + "stay where they were made; the split is recorded. The new entity's id comes from its own identity keys.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [
            CommonParameters.EntityId(),
            new("observation_ids", ParameterType.Array, "Observations to move (obs_...).") { Items = ParameterType.String },
            new("source_ids", ParameterType.Array, "Move every observation from these sources (src_...).") { Items = ParameterType.String },
            new("run_ids", ParameterType.Array, "Move every observation from these runs (run_...).") { Items = ParameterType.String },
            new("reason", ParameterType.String, "Why, kept in the split record."),
        ],
        () => StrataJson.Wire.SplitResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Splits.SplitAsync(call.UserId, call.Arguments.RequiredString("entity_id"),
                new SplitSelection(Strings(call.Arguments.Element("observation_ids")), Strings(call.Arguments.Element("source_ids")),
                    Strings(call.Arguments.Element("run_ids"))),
                call.Arguments.String("reason"), ct),
            StrataJson.Wire.SplitResult))
    {
        Route = HttpRoute.Post("/v1/entities/{entity_id}/splits"),
    };

    public static readonly StrataOperation Unmerge = new("unmerge", "Undo a merge",
        "Undo a merge given its id (mrg_..., as listed with the entity's merges): the observations the merge brought go back to "
        + "the merged entity, which answers for itself again; corrections made on the merged-into entity stay there. Recorded as a split.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [
            new("merge_id", ParameterType.String, "The merge to undo (mrg_...).", Required: true),
            new("reason", ParameterType.String, "Why, kept in the split record."),
        ],
        () => StrataJson.Wire.SplitResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Splits.UnmergeAsync(call.UserId, call.Arguments.RequiredString("merge_id"), call.Arguments.String("reason"), ct),
            StrataJson.Wire.SplitResult))
    {
        Route = HttpRoute.Post("/v1/merges/{merge_id}/unmerge"),
    };

    public static readonly StrataOperation Reresolve = new("reresolve", "Re-resolve entities",
        "After a schema's identity keys or distinguishing fields changed: re-derive which observations belong together. Entities "
        + "whose observations disagree on a distinguishing field are split; entities that now share a key without disagreeing are "
        + "merged into the oldest. Every move is an audited split or merge (undoable); with dry_run nothing changes and the moves "
        + "that would be made are listed.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [
            CommonParameters.EntityTypeFilter,
            new("dry_run", ParameterType.Boolean, "List the moves without making them. Default false."),
        ],
        () => StrataJson.Wire.ReresolveResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.Reresolution.ReresolveAsync(call.UserId, call.Arguments.String("entity_type"), call.Arguments.Bool("dry_run") ?? false, ct),
            StrataJson.Wire.ReresolveResult))
    {
        Route = HttpRoute.Post("/v1/reresolutions"),
    };

    private static List<string>? Strings(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Array } array) return null;
        return array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw StrataException.Validation("Ids must be strings.")).ToList();
    }
}
