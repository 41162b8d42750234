namespace Strata.Core.Runs;

/// <summary>A running run's counters as of its last committed slice. <see cref="Items"/> is also where a retried run
/// resumes: the records before it are committed already.</summary>
public sealed record RunProgress(int Items, int ObservationsCreated, int UnknownFields, int ValuesTooLong)
{
    public static RunProgress Of(Run run) => new(run.ItemsCount, run.ObservationsCreated, run.UnknownFieldsCount, run.ValuesTooLong);
}
