using Strata.Core.Errors;
using Strata.Core.Jobs;

namespace Strata.Core.Memory.Sections;

/// <summary>
/// Generates MEMORY.md's model-written sections after an import's full pass settled. It never fails the import: each
/// section keeps its own status and error, and without a model the job simply ends (the rendered memory is whole without
/// them). One attempt: the circuit breaker and timeout already bound it, and a retry would spend the budget again.
/// </summary>
public sealed class MemoryGenerationJobHandler(MemoryGenerationService generation) : IJobHandler
{
    public const string ImportIdKey = "import_id";

    public string Kind => JobKinds.MemoryGeneration;

    public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    public static JobRequest Request(string userId, string importId) => new(JobKinds.MemoryGeneration, JobPayload.Of(ImportIdKey, importId), userId)
    {
        Subject = importId,
        MaxAttempts = 1,
    };

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var userId = context.Job.UserId ?? throw new InvalidOperationException($"Memory generation job {context.Job.Id} has no user.");
        try
        {
            await generation.GenerateAsync(userId, JobPayload.Read(context.Job, ImportIdKey), cancellationToken);
        }
        catch (StrataException unconfigured) when (unconfigured.Code == ErrorCodes.LlmNotConfigured)
        {
            // No model: MEMORY.md is the rendered snapshots alone, as it is before any generation.
        }
        return JobResult.Completed;
    }
}
