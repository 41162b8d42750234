using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Potential duplicates: pairs of same-type entities with similar canonical names, found by a background scan.
/// They are only suggestions; merging stays a decision made with merge_entities.</summary>
public static class DuplicateOperations
{
    public static readonly StrataOperation ListPotentialDuplicates = new("list_potential_duplicates", "List potential duplicates",
        "Pairs of entities of one type whose canonical names are similar (score 0-1, most similar first), found by a periodic background "
        + "scan. Nothing is merged automatically: if a pair is the same thing, call merge_entities; if not, dismiss_duplicate so it is "
        + "never suggested again. Dismissed pairs are left out unless include_dismissed is true.",
        OperationTraits.Read,
        [
            new("entity_type", ParameterType.String, "Only pairs of this entity type, e.g. contact."),
            new("include_dismissed", ParameterType.Boolean, "Also list pairs that were dismissed as not duplicates. Default false."),
            CommonParameters.Limit, CommonParameters.Offset,
        ],
        StrataJson.Wire.DuplicateList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Duplicates.ListPotentialDuplicatesAsync(call.UserId, call.Arguments.String("entity_type"),
                call.Arguments.Bool("include_dismissed") ?? false, CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.DuplicateList));

    // Destructive: it hides a suggestion for good (later scans never raise the pair again) and there is no undo.
    public static readonly StrataOperation DismissDuplicate = new("dismiss_duplicate", "Dismiss a potential duplicate",
        "Mark a pair from list_potential_duplicates as not duplicates: it leaves the default listing and later scans never suggest it "
        + "again. Give the pair's two entity ids in either order. The entities themselves are not changed. Repeating it changes nothing; "
        + "a pair that was never suggested is refused with DUPLICATE_NOT_FOUND.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: true),
        [
            new("entity_a", ParameterType.String, "One entity of the pair (ent_...).", Required: true),
            new("entity_b", ParameterType.String, "The other entity of the pair (ent_...).", Required: true),
        ],
        StrataJson.Wire.DuplicateView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Duplicates.DismissAsync(call.UserId, call.Arguments.RequiredString("entity_a"), call.Arguments.RequiredString("entity_b"), ct),
            StrataJson.Wire.DuplicateView));
}
