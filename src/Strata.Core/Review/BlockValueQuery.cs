using Strata.Core.Errors;

namespace Strata.Core.Review;

/// <summary>
/// Which blocks of a run a list or a bulk step takes, answered by the database over the run's items (never by reading
/// the run into memory): the block's state (<see cref="BlockValueStates"/> or <see cref="Rejected"/>: rejected and
/// waiting for the model again), its block type, and a field of its value in force that equals a text (a string's
/// characters, a number or boolean as written) or contains one (text, ignoring ASCII case). list_block_values,
/// confirm_matching_values and reject_matching_values all take it, so the grid lists exactly what a bulk step changes.
/// </summary>
public sealed record BlockValueQuery(string? State, string? BlockType, string? Field, string? EqualsText, string? Contains)
{
    /// <summary>A block the person rejected, waiting for the model's new answer (its item pending or claimed again).</summary>
    public const string Rejected = "rejected";

    public static readonly BlockValueQuery All = new(null, null, null, null, null);

    public static readonly IReadOnlyList<string> States = [.. BlockValueStates.All, Rejected];

    /// <summary>The query checked: a known state, a field with exactly one of equals and contains, and nothing dangling.</summary>
    public BlockValueQuery Validated()
    {
        if (State is not null && !States.Contains(State))
        {
            throw StrataException.Validation($"state must be one of {string.Join(", ", States)} (got '{State}').");
        }
        if (Field is null && (EqualsText is not null || Contains is not null)) throw StrataException.Validation("Give field with equals or contains.");
        if (Field is not null && (EqualsText is null == (Contains is null)))
        {
            throw StrataException.Validation("Give field with exactly one of equals (the whole value) and contains (a part of a text value).");
        }
        return this;
    }
}

/// <summary>A block a <see cref="BlockValueQuery"/> matched: its item's status and its value row when it has one.</summary>
public sealed record MatchedBlock(int Index, string ItemStatus, BlockValue? Value);
