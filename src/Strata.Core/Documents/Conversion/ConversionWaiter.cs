using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Storage;

namespace Strata.Core.Documents.Conversion;

/// <summary>
/// Waits for a document's conversion by working on it: the caller claims the document's own job and runs it in-process
/// under a short lease (like <see cref="Runs.RunWaiter"/>), so <c>strata ingest --project</c> needs no worker. When another
/// process holds the job the caller polls until the document settles.
/// </summary>
public sealed class ConversionWaiter(IStrataStore store, JobRunner jobs, WorkerOptions options, TimeProvider clock)
{
    public async Task<Document> WaitAsync(string userId, string documentId, CancellationToken cancellationToken)
    {
        var owner = $"wait:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        var claim = new JobClaim(owner, [JobKinds.ConvertDocument], options.CallerLeaseDuration) { Subject = documentId };
        while (true)
        {
            var document = await ReadAsync(userId, documentId, cancellationToken);
            if (document.IsSettled) return document;
            if (await RunNextAsync(claim, cancellationToken)) continue;

            var job = await store.Jobs.FindBySubjectAsync(JobKinds.ConvertDocument, documentId, cancellationToken);
            if (job is null || job.State is JobStates.Completed or JobStates.Failed or JobStates.Cancelled)
            {
                // The job settles with its document, so a document still unsettled now was left behind: answer with it
                // as it is (the timeout sweep fails it) rather than poll for ever.
                return await ReadAsync(userId, documentId, cancellationToken);
            }
            if (job.State == JobStates.Running && job.LeaseExpiresAt < clock.GetUtcNow())
            {
                await store.Jobs.RescueExpiredAsync(cancellationToken);
                continue;
            }
            await Task.Delay(options.PollInterval, clock, cancellationToken);
        }
    }

    private async Task<bool> RunNextAsync(JobClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            return await jobs.RunNextAsync(claim, cancellationToken);
        }
        catch (Exception busy) when (StoreBusy.Is(busy))
        {
            return false;
        }
    }

    private async Task<Document> ReadAsync(string userId, string documentId, CancellationToken cancellationToken)
    {
        await using var read = await store.OpenReadAsync(userId, cancellationToken);
        return await DocumentService.RequireAsync(read, documentId, cancellationToken);
    }
}
