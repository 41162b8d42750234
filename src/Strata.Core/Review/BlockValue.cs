namespace Strata.Core.Review;

/// <summary>
/// One block's value in one run, as an overlay over the block: staged by the model, then confirmed (with who and
/// when), rejected back to pending (the run asks again), or edited (a person's value replaces the model's, which is
/// kept, and is confirmed). Values are JSON objects, one property per field of the schema.
/// </summary>
public sealed record BlockValue(
    string RunId,
    int BlockIndex,
    string BlockUid,
    string DocumentId,
    string ProjectId,
    string SchemaRef,
    string State,
    string? ValueJson,
    string? ModelValueJson,
    bool Edited,
    string? EditedBy,
    DateTimeOffset? EditedAt,
    string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt,
    string? ObservationId,
    string? EntityId,
    DateTimeOffset UpdatedAt);

/// <summary>The states of a block's value (a block with no value yet is pending, claimed or failed on its run item).</summary>
public static class BlockValueStates
{
    public const string Pending = "pending";
    public const string Claimed = "claimed";
    public const string Staged = "staged";
    public const string Confirmed = "confirmed";
    public const string Failed = "failed";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Pending, Claimed, Staged, Confirmed, Failed };
}
