using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests.Review;

/// <summary>list_block_runs pages like the other lists: at most <c>limit</c> runs, oldest first, a cursor that continues
/// exactly where the page stopped, and a total on request.</summary>
public sealed class BlockRunPagingTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_projects_block_runs_come_a_page_at_a_time_with_a_cursor_that_loses_and_repeats_none(string backend)
    {
        await using var review = await ReviewFixture.StartAsync(backend);
        for (var i = 0; i < 5; i++) await review.AddDocumentAsync($"lease-{i}.md", ReviewFixture.Paragraphs(1, $"Tenant {i}"));
        await review.RegisterSchemaAsync();
        var applied = await review.Strata.Services.Review.ApplySchemaAsync(review.User, review.ProjectId, ReviewFixture.SchemaRef, null, null, None);
        Assert.Equal(5, applied.RunsStarted.Count);
        var all = (await review.Strata.Services.Review.ListRunsAsync(review.User, null, review.ProjectId, new Paging(Paging.MaxLimit), None)).Items
            .Select(r => r.RunId).ToList();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await review.Strata.Services.Review.ListRunsAsync(review.User, null, review.ProjectId,
                new Paging(2, Cursor: cursor, IncludeTotal: true), None);
            Assert.InRange(page.Items.Count, 1, 2);
            Assert.Equal(5, page.Total);
            seen.AddRange(page.Items.Select(r => r.RunId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(5, all.Count);
        Assert.Equal(all, seen);
        var refused = await Assert.ThrowsAsync<StrataException>(() =>
            review.Strata.Services.Review.ListRunsAsync(review.User, null, review.ProjectId, new Paging(0), None));
        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
    }
}
