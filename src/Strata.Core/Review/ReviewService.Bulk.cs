using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Storage;

namespace Strata.Core.Review;

public sealed partial class ReviewService
{
    /// <summary>Values confirmed per transaction by a bulk confirm: a large project commits as it goes.</summary>
    private const int ConfirmBatch = 200;

    public static ReviewScope ParseScope(string scope) => scope switch
    {
        "run" => ReviewScope.Run,
        "document" => ReviewScope.Document,
        "project" => ReviewScope.Project,
        _ => throw StrataException.Validation($"scope must be run, document or project (got '{scope}')."),
    };

    /// <summary>Confirms every staged value of a run, a document's runs or a project's runs.</summary>
    public async Task<BulkReviewResult> ConfirmAllAsync(string userId, ReviewScope scope, string id, CancellationToken cancellationToken)
    {
        var changed = 0;
        (id, var runIds) = await RunsOfAsync(userId, scope, id, cancellationToken);
        foreach (var runId in runIds)
        {
            while (true)
            {
                await using var session = await store.OpenWriteAsync(userId, cancellationToken);
                var staged = await session.Review.ListValuesAsync(runId, BlockValueStates.Staged, -1, ConfirmBatch, cancellationToken);
                if (staged.Count == 0) break;
                var now = clock.GetUtcNow();
                foreach (var value in staged)
                {
                    var confirmed = await ConfirmValueAsync(session, value, value.ValueJson ?? "{}", edited: false, userId, now, cancellationToken);
                    if (await session.Review.UpdateValueAsync(confirmed, BlockValueStates.Staged, cancellationToken)) changed++;
                }
                await Webhooks.ReviewEvents.ConfirmedIfLastAsync(session, runId, now, cancellationToken);
                await session.CommitAsync(cancellationToken);
            }
        }
        return await BulkResultAsync(userId, scope, id, changed, cancellationToken);
    }

    /// <summary>Sets every failed block of a run, a document's runs or a project's runs back to pending and queues their runs.</summary>
    public async Task<BulkReviewResult> RetryFailedAsync(string userId, ReviewScope scope, string id, CancellationToken cancellationToken)
    {
        var changed = 0;
        (id, var runIds) = await RunsOfAsync(userId, scope, id, cancellationToken);
        foreach (var runId in runIds)
        {
            await using var session = await store.OpenWriteAsync(userId, cancellationToken);
            var reopened = await session.Review.ReopenItemsAsync(runId, RunItemStatuses.Failed, null, clock.GetUtcNow(), cancellationToken);
            if (reopened == 0) continue;
            await WakeAsync(session, runId, cancellationToken);
            await session.CommitAsync(cancellationToken);
            changed += reopened;
        }
        return await BulkResultAsync(userId, scope, id, changed, cancellationToken);
    }

    /// <summary>Queues a worker for every run of the project that has pending blocks (after rejects, retries or a cancel).</summary>
    public async Task<BulkReviewResult> RunPendingAsync(string userId, string projectId, CancellationToken cancellationToken)
    {
        var changed = 0;
        (projectId, var runIds) = await RunsOfAsync(userId, ReviewScope.Project, projectId, cancellationToken);
        foreach (var runId in runIds)
        {
            await using var session = await store.OpenWriteAsync(userId, cancellationToken);
            var counts = await session.Review.CountAsync(ReviewScope.Run, runId, cancellationToken);
            if (counts.Pending == 0) continue;
            await session.Review.ReopenRunAsync(runId, cancellationToken);
            await RunLedger.StartAsync(session, runId, clock.GetUtcNow(), cancellationToken);
            await EnqueueAsync(session, runId, MaxLanes, cancellationToken);
            await session.CommitAsync(cancellationToken);
            changed += counts.Pending;
        }
        return await BulkResultAsync(userId, ReviewScope.Project, projectId, changed, cancellationToken);
    }

    /// <summary>Runs a block schema over every ingested document of a project, skipping documents that already have a run
    /// of that schema version (and those not ingested yet), in one transaction.</summary>
    public async Task<ApplySchemaResult> ApplySchemaAsync(string userId, string projectId, string schemaRef, int? version, string? model,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        projectId = (await ProjectService.ResolveAsync(session, projectId, cancellationToken)).Id;
        var schema = await BlockSchemaService.FindAsync(session, schemaRef, version, cancellationToken);
        var started = new List<string>();
        var skipped = new List<string>();
        foreach (var document in await session.Review.ListDocumentsAsync(projectId, cancellationToken))
        {
            var runs = await session.Review.ListRunsAsync(document.DocumentId, null, schema.Definition.EntityType, cancellationToken);
            if (document.Status != "ingested" || runs.Any(r => r.SchemaUid == schema.SchemaUid))
            {
                skipped.Add(document.DocumentId);
                continue;
            }
            started.Add((await CreateRunAsync(session, document, schema, model, cancellationToken)).RunId);
        }
        await session.CommitAsync(cancellationToken);
        return new ApplySchemaResult(projectId, schema.Definition.EntityType, schema.Version, started, skipped);
    }

    /// <summary>A project's blocks by state, over all its runs and per document.</summary>
    public async Task<ProjectProgress> ProgressAsync(string userId, string projectId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        projectId = (await ProjectService.ResolveAsync(session, projectId, cancellationToken)).Id;
        var total = await session.Review.CountAsync(ReviewScope.Project, projectId, cancellationToken);
        var documents = await session.Review.CountByDocumentAsync(projectId, cancellationToken);
        return new ProjectProgress(projectId, total, documents.Select(d => new DocumentProgress(d.DocumentId, d.Runs, d.Counts)).ToList());
    }

    /// <summary>A run with pending blocks gets a worker: a finished run goes back to pending; a cancelled one stays cancelled.</summary>
    private static async Task WakeAsync(IStoreSession session, string runId, CancellationToken cancellationToken)
    {
        var run = await session.Runs.GetAsync(runId, cancellationToken);
        if (run is null || run.Status == RunStatuses.Cancelled) return;
        await session.Review.ReopenRunAsync(runId, cancellationToken);
        await EnqueueAsync(session, runId, 1, cancellationToken);
    }

    private async Task<(string Id, IReadOnlyList<string> Runs)> RunsOfAsync(string userId, ReviewScope scope, string id, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        switch (scope)
        {
            case ReviewScope.Run:
                await RequireAsync(session, id, cancellationToken);
                return (id, [id]);
            case ReviewScope.Document:
                if (await session.Review.GetDocumentAsync(id, cancellationToken) is null) throw new StrataException(ErrorCodes.DocumentNotFound, $"No document {id}.");
                return (id, (await session.Review.ListRunsAsync(id, null, null, cancellationToken)).Select(r => r.RunId).ToList());
            default:
                var project = await ProjectService.ResolveAsync(session, id, cancellationToken);
                return (project.Id, (await session.Review.ListRunsAsync(null, project.Id, null, cancellationToken)).Select(r => r.RunId).ToList());
        }
    }

    private async Task<BulkReviewResult> BulkResultAsync(string userId, ReviewScope scope, string id, int changed, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var counts = await session.Review.CountAsync(scope, id, cancellationToken);
        return new BulkReviewResult(scope.ToString().ToLowerInvariant(), id, changed, counts);
    }
}
