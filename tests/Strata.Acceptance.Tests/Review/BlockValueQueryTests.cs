using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>list_block_values' filter (state, block type, a field's value: equals or contains), answered and paged by
/// the database over a run of many blocks: every page by offset and by cursor holds exactly the blocks the unfiltered
/// list says match, the total counts them, and a bulk review's dry run takes the same set.</summary>
public sealed class BlockValueQueryTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_filter_over_many_blocks_is_counted_and_paged_by_the_database_exactly_as_the_unfiltered_list_says(string backend)
    {
        const int paragraphs = 450;
        await using var review = await ReviewFixture.StartAsync(backend);
        var document = await review.AddDocumentAsync("lease.md", "# Lease\n\n" + ReviewFixture.Paragraphs(paragraphs));
        await review.RegisterSchemaAsync();
        var runId = (await review.Strata.Services.Review.StartRunAsync(review.User, document, ReviewFixture.SchemaRef, null, null, None)).Run.RunId;
        await review.WorkAsync();
        var service = review.Strata.Services.Review;
        // Three values edited (confirmed, a topic of their own), two rejected (waiting for the model again).
        foreach (var index in new[] { 10, 250, 440 })
        {
            await service.EditAsync(review.User, runId, index, ReviewFixture.Parse("""{"topic":"Deposit held","risk":4,"kind":"payment"}"""), None);
        }
        await service.RejectAsync(review.User, runId, 7, None);
        await service.RejectAsync(review.User, runId, 300, None);
        var all = await review.ValuesAsync(runId);
        Assert.Equal(paragraphs + 1, all.Count);

        var staged = new BlockValueQuery(BlockValueStates.Staged, "paragraph", null, null, null);
        var expected = all.Where(v => v.BlockIndex > 0 && v.State == BlockValueStates.Staged).Select(v => v.BlockIndex).ToList();
        Assert.Equal(paragraphs - 5, expected.Count);

        // By offset: a page deep in the set, and the count of the whole set.
        var deep = await service.ListValuesAsync(review.User, runId, staged, new Paging(100, Offset: 400, IncludeTotal: true), None);
        Assert.Equal(expected.Count, deep.Total);
        Assert.Equal(expected.Skip(400).ToList(), deep.Items.Select(v => v.BlockIndex).ToList());
        Assert.All(deep.Items, v => Assert.Equal(BlockValueStates.Staged, v.State));

        // By cursor: every block once, in order, a page at a time.
        var seen = new List<int>();
        string? cursor = null;
        do
        {
            var page = await service.ListValuesAsync(review.User, runId, staged, new Paging(100, Cursor: cursor), None);
            Assert.InRange(page.Items.Count, 0, 100);
            seen.AddRange(page.Items.Select(v => v.BlockIndex));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(expected, seen);

        // A field's value: contains ignores case and takes only values in force; equals is the whole text.
        var contains = await service.ListValuesAsync(review.User, runId, new BlockValueQuery(null, null, "topic", null, "DEPOSIT"), new Paging(50, IncludeTotal: true), None);
        Assert.Equal([10, 250, 440], contains.Items.Select(v => v.BlockIndex).ToList());
        Assert.Equal(3, contains.Total);
        Assert.Equal(3, (await service.ListValuesAsync(review.User, runId, new BlockValueQuery(BlockValueStates.Confirmed, null, "topic", "Deposit held", null),
            new Paging(50, IncludeTotal: true), None)).Total);
        Assert.Equal(0, (await service.ListValuesAsync(review.User, runId, new BlockValueQuery(null, null, "topic", "deposit held", null),
            new Paging(50, IncludeTotal: true), None)).Total);
        // A number compares as written; a literal % in contains is a character, not a wildcard.
        Assert.Equal(3, (await service.ListValuesAsync(review.User, runId, new BlockValueQuery(null, null, "risk", "4", null), new Paging(50, IncludeTotal: true), None)).Total);
        Assert.Equal(0, (await service.ListValuesAsync(review.User, runId, new BlockValueQuery(null, null, "topic", null, "%"), new Paging(50, IncludeTotal: true), None)).Total);

        // Rejected and waiting: the two rejected blocks, shown pending with the model's answer kept.
        var rejected = await service.ListValuesAsync(review.User, runId, new BlockValueQuery(BlockValueQuery.Rejected, null, null, null, null),
            new Paging(50, IncludeTotal: true), None);
        Assert.Equal([7, 300], rejected.Items.Select(v => v.BlockIndex).ToList());
        Assert.All(rejected.Items, v => Assert.Equal((BlockValueStates.Pending, true), (v.State, v.ModelValue is not null)));
        Assert.Equal(2, (await service.ListValuesAsync(review.User, runId, new BlockValueQuery(BlockValueStates.Pending, null, null, null, null),
            new Paging(50, IncludeTotal: true), None)).Total);

        // The bulk review takes the same set: its dry run counts what the list counts.
        var dry = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, new BlockValueFilter(staged, new HashSet<int>()), true, None);
        Assert.Equal(expected.Count, dry.Matched);
        var none = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm,
            new BlockValueFilter(staged with { State = BlockValueStates.Confirmed }, new HashSet<int>()), true, None);
        Assert.Equal(0, none.Matched); // only staged values are reviewed

        var unknown = await Assert.ThrowsAsync<StrataException>(() =>
            service.ListValuesAsync(review.User, runId, new BlockValueQuery("waiting", null, null, null, null), new Paging(10), None));
        Assert.Equal(ErrorCodes.ValidationFailed, unknown.Code);
        var both = await Assert.ThrowsAsync<StrataException>(() =>
            service.ListValuesAsync(review.User, runId, new BlockValueQuery(null, null, "topic", "a", "b"), new Paging(10), None));
        Assert.Equal(ErrorCodes.ValidationFailed, both.Code);
    }
}
