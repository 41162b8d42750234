namespace Strata.Core.Deletions;

/// <summary>Which observations a forgetting delete removes: one by its id, every one on an entity, or every one a run wrote.</summary>
public sealed record ObservationSelection
{
    private ObservationSelection(string? observationId, string? entityId, string? runId) =>
        (ObservationId, EntityId, RunId) = (observationId, entityId, runId);

    public string? ObservationId { get; }

    public string? EntityId { get; }

    public string? RunId { get; }

    public static ObservationSelection One(string observationId) => new(observationId, null, null);

    public static ObservationSelection OnEntity(string entityId) => new(null, entityId, null);

    public static ObservationSelection OfRun(string runId) => new(null, null, runId);
}
