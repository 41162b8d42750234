using Strata.Core.Jobs;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>One worker's share of a block run: a run is queued as a few jobs (lanes), and each claims blocks from the
/// same run items until none are left, so two workers on one run share its blocks and never take the same one.</summary>
public sealed class BlockRunJobHandler(IStrataStore store, BlockRunService runner, Metrics.StrataMetrics metrics) : IJobHandler
{
    public const string Kind = "block_run";
    public const string RunIdKey = "run_id";

    string IJobHandler.Kind => Kind;

    public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    public static JobRequest Request(string userId, string runId) => new(Kind, JobPayload.Of(RunIdKey, runId), userId)
    {
        Subject = runId,
        MaxAttempts = 5,
    };

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var userId = context.Job.UserId ?? throw new InvalidOperationException($"Block run job {context.Job.Id} has no user.");
        var runId = JobPayload.Read(context.Job, RunIdKey);
        Runs.Run? run;
        BlockRun? blockRun;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            run = await read.Runs.GetAsync(runId, cancellationToken);
            blockRun = await read.Review.GetRunAsync(runId, cancellationToken);
        }
        if (run is null || blockRun is null || run.IsFinished) return JobResult.Completed; // deleted, cancelled or done meanwhile
        metrics.BlockRunJobs.Inc();
        return await runner.RunAsync(context, run, blockRun, cancellationToken);
    }
}
