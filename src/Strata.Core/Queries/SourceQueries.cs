using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Queries;

/// <summary>Reads about sources and runs.</summary>
public sealed class SourceQueries(IStrataStore store)
{
    public async Task<SourceList> ListSourcesAsync(string userId, Paging paging, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenAsync(userId, write: false, cancellationToken);
        var page = await session.Sources.ListAsync(paging.Validated(), cancellationToken);
        return new SourceList(page.Items.Select(Views.Of).ToList(), page.NextCursor, page.Total);
    }

    public async Task<SourceView> GetSourceAsync(string userId, string sourceId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenAsync(userId, write: false, cancellationToken);
        var source = await session.Sources.GetAsync(sourceId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
        return Views.Of(source);
    }

    /// <summary><c>get_run</c>: one run by id. Another user's run answers exactly as a missing one.</summary>
    public async Task<RunView> GetRunAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenAsync(userId, write: false, cancellationToken);
        var run = await session.Runs.GetAsync(runId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {runId}.");
        return Views.Of(run);
    }

    public Task<RunList> ListRunsAsync(string userId, string? sourceId, Paging paging, CancellationToken cancellationToken) =>
        ListRunsAsync(userId, sourceId, paging, includeArchived: false, cancellationToken);

    /// <summary>Runs newest first; archived runs (finished long ago) only when <paramref name="includeArchived"/>.</summary>
    public async Task<RunList> ListRunsAsync(string userId, string? sourceId, Paging paging, bool includeArchived, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenAsync(userId, write: false, cancellationToken);
        if (sourceId is not null && await session.Sources.GetAsync(sourceId, cancellationToken) is null)
        {
            throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
        }
        var page = await session.Runs.ListAsync(sourceId, paging.Validated(), includeArchived, cancellationToken);
        return new RunList(page.Items.Select(Views.Of).ToList(), page.NextCursor, page.Total);
    }
}
