using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Runs.Items;
using Strata.Core.Storage;

namespace Strata.Core.Queries;

/// <summary>Reads about sources and runs.</summary>
public sealed class SourceQueries(IStrataStore store)
{
    public async Task<SourceList> ListSourcesAsync(string userId, Paging paging, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var page = await session.Sources.ListAsync(paging.Validated(), cancellationToken);
        return new SourceList(page.Items.Select(Views.Of).ToList(), page.NextCursor, page.Total);
    }

    public async Task<SourceView> GetSourceAsync(string userId, string sourceId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var source = await session.Sources.GetAsync(sourceId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
        return Views.Of(source);
    }

    /// <summary><c>get_run</c>: one run by id. Another user's run answers exactly as a missing one.</summary>
    public async Task<RunView> GetRunAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var run = await session.Runs.GetAsync(runId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {runId}.");
        var summary = await session.RunItems.SummarizeAsync(runId, cancellationToken);
        if (summary.Total == 0) return Views.Of(run);
        var failures = (await session.RunItems.ListAsync(runId, RunItemStatuses.Failed, new Paging(RunItemsView.MaxFailuresShown), cancellationToken)).Items;
        return Views.Of(run) with { Items = RunItemsView.Of(summary, failures) };
    }

    /// <summary><c>list_run_items</c>: a run's items in order, paged; only those of <paramref name="status"/> when given.
    /// Another user's run answers exactly as a missing one.</summary>
    public async Task<RunItemList> ListRunItemsAsync(string userId, string runId, string? status, Paging paging, CancellationToken cancellationToken)
    {
        if (status is not null && status is not (RunItemStatuses.Pending or RunItemStatuses.Claimed or RunItemStatuses.Completed or RunItemStatuses.Failed))
        {
            throw StrataException.Validation($"status must be pending, claimed, completed or failed (got '{status}').");
        }
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        _ = await session.Runs.GetAsync(runId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {runId}.");
        var page = await session.RunItems.ListAsync(runId, status, paging.Validated(), cancellationToken);
        return new RunItemList(runId, page.Items.Select(RunItemView.Of).ToList(), page.NextCursor, page.Total);
    }

    public Task<RunList> ListRunsAsync(string userId, string? sourceId, Paging paging, CancellationToken cancellationToken) =>
        ListRunsAsync(userId, sourceId, paging, includeArchived: false, cancellationToken);

    /// <summary>Runs newest first; archived runs (finished long ago) only when <paramref name="includeArchived"/>.</summary>
    public async Task<RunList> ListRunsAsync(string userId, string? sourceId, Paging paging, bool includeArchived, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        if (sourceId is not null && await session.Sources.GetAsync(sourceId, cancellationToken) is null)
        {
            throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
        }
        var page = await session.Runs.ListAsync(sourceId, paging.Validated(), includeArchived, cancellationToken);
        return new RunList(page.Items.Select(Views.Of).ToList(), page.NextCursor, page.Total);
    }
}
