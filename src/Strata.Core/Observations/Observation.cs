using System.Text.Json;

namespace Strata.Core.Observations;

/// <summary>Field values for one entity from one run item, a structured write, or a correction.</summary>
public sealed record Observation(
    string Id,
    string UserId,
    string EntityId,
    string? SourceId,
    string? RunId,
    string Kind,
    string Locator,
    int Priority,
    string State,
    IReadOnlyDictionary<string, JsonElement> Fields,
    string? Reason,
    DateTimeOffset ObservedAt,
    DateTimeOffset CreatedAt);

public static class ObservationKinds
{
    public const string Interpretation = "interpretation";
    public const string Structured = "structured";
    public const string Correction = "correction";
}

public static class ObservationStates
{
    public const string Accepted = "accepted";
    public const string Staged = "staged";
    public const string Rejected = "rejected";
}

public static class Priorities
{
    public const int Interpretation = 0;
    public const int Structured = 100;
    public const int Correction = 1000;
}

/// <summary>A value the schema does not declare, or of the wrong type: kept, counted, never in a snapshot.</summary>
public sealed record RawFragment(
    string Id,
    string UserId,
    string? SourceId,
    string RunId,
    string EntityId,
    string Field,
    JsonElement Value,
    string Reason,
    DateTimeOffset CreatedAt);
