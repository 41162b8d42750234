using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Potential duplicates: pairs of same-type entities scored field by field, found by a background scan, with
/// the reasons. They are suggestions; merging is a decision made with merge_entities (or a schema's auto-merge threshold).</summary>
public static class DuplicateOperations
{
    public static readonly StrataOperation ListPotentialDuplicates = new("list_potential_duplicates", "List potential duplicates",
        "Pairs of entities of one type that may be one, found by a background scan that compares names (Jaro-Winkler, given and family "
        + "name swapped), dates (a transposed day and month counts), addresses (as word sets) and exact identifiers (postcode, email, "
        + "phone). score is the probability (0-1) that the two are one, best first; reasons says how each compared field agreed "
        + "(\"agree\", \"disagree\", a similarity, \"transposed\"); a field missing on either side is not listed. Nothing is merged unless "
        + "the schema sets an auto-merge threshold: if a pair is the same thing, call merge_entities; if not, dismiss_duplicate so it is "
        + "never suggested again. Dismissed pairs are left out unless include_dismissed is true.",
        OperationTraits.Read,
        [
            new("entity_type", ParameterType.String, "Only pairs of this entity type, e.g. contact."),
            new("include_dismissed", ParameterType.Boolean, "Also list pairs that were dismissed as not duplicates. Default false."),
            CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip,
        ],
        () => StrataJson.Wire.DuplicateList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Duplicates.ListPotentialDuplicatesAsync(call.UserId, call.Arguments.String("entity_type"),
                call.Arguments.Bool("include_dismissed") ?? false, CommonParameters.PagingOf(call.Arguments), ct),
            StrataJson.Wire.DuplicateList))
    {
        Route = HttpRoute.Get("/v1/duplicates"),
    };

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
        () => StrataJson.Wire.DuplicateView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Duplicates.DismissAsync(call.UserId, call.Arguments.RequiredString("entity_a"), call.Arguments.RequiredString("entity_b"), ct),
            StrataJson.Wire.DuplicateView))
    {
        Route = HttpRoute.Post("/v1/duplicates/dismissals"),
    };
}
