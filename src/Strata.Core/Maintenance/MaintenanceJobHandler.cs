using Strata.Core.Jobs;

namespace Strata.Core.Maintenance;

/// <summary>Runs one kind of periodic maintenance when the scheduler's job for the period comes up.</summary>
public sealed class MaintenanceJobHandler(string kind, Func<CancellationToken, Task> work) : IJobHandler
{
    public string Kind => kind;

    public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        await work(cancellationToken);
        return JobResult.Completed;
    }

    public static IEnumerable<IJobHandler> For(MaintenanceService maintenance) =>
    [
        new MaintenanceJobHandler(JobKinds.RunTimeouts, maintenance.TimeOutStaleWorkAsync),
        new MaintenanceJobHandler(JobKinds.ArchiveRuns, maintenance.ArchiveRunsAsync),
        new MaintenanceJobHandler(JobKinds.DetectDuplicates, maintenance.ScanAllForDuplicatesAsync),
        new MaintenanceJobHandler(JobKinds.PruneJobs, maintenance.PruneJobsAsync),
    ];
}
