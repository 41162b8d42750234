namespace Strata.Core.Relations;

/// <summary>
/// One observation of a relation <c>(from, type, to)</c> by a run: asserted (with optional properties and validity) or
/// retracted. Never edited: a correction, an end (<see cref="ValidTo"/>) or a retraction is a later observation.
/// </summary>
/// <param name="EffectiveAt">From when the observation counts in a view at a time: the earlier of when it was observed and
/// the <see cref="ValidFrom"/> it states, so a fact recorded today about last year answers <c>as_of</c> last year; a
/// retraction counts from when it was made, so a view before it still shows what it retracted.</param>
public sealed record RelationObservation(
    string Id,
    string FromEntityId,
    string RelationType,
    string ToEntityId,
    string State,
    string PropertiesJson,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ObservedAt,
    int Priority,
    string RunId,
    string SourceId)
{
    /// <summary>Whether it holds at <paramref name="at"/>, once it won its relation's reduction.</summary>
    public bool HoldsAt(DateTimeOffset at) =>
        State == RelationStates.Asserted && (ValidFrom is null || ValidFrom <= at) && (ValidTo is null || ValidTo > at);
}

public static class RelationStates
{
    public const string Asserted = "asserted";
    public const string Retracted = "retracted";
}
