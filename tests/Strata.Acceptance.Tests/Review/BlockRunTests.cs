using System.Globalization;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Review;
using Strata.Core.Runs;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Review;

/// <summary>A block schema run over a document: one item per block, answered in packs by the fake model over HTTP, each
/// answer staged; failures and junk fail their block with the raw output; two workers share a run without overlap.</summary>
public sealed class BlockRunTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A200BlockDocumentWithOneCallInTenFailingOrJunkEndsWithEveryBlockStagedOrFailedOnceByTwoWorkers(string backend)
    {
        await using var review = await ReviewFixture.StartAsync(backend);
        // 20 of 200 blocks are scripted to go wrong: a server error for the pack (after its retries), text that is no
        // JSON, or JSON whose value does not fit the schema (risk is a number).
        var broken = Enumerable.Range(0, 20).Select(i => i * 10 + 3).ToList();
        review.Server.Script.Clear();
        foreach (var block in broken)
        {
            var marker = string.Create(CultureInfo.InvariantCulture, $"Clause {block:D3}:");
            var reply = (block / 10 % 3) switch
            {
                0 => FakeReply.Status(500),
                1 => FakeReply.Text("I would rather not answer in JSON."),
                _ => FakeReply.Json(string.Create(CultureInfo.InvariantCulture, $$"""{"items":[{"item_id":"{{block}}","topic":"rent","risk":"very high"}]}""")),
            };
            review.Server.Script.When(marker, reply);
        }
        review.Server.Script.Reply(FakeReply.EchoFields(ReviewFixture.Answer));
        var document = await review.AddDocumentAsync("lease.md", ReviewFixture.Paragraphs(200));
        await review.RegisterSchemaAsync();

        var started = await review.Strata.Services.Review.StartRunAsync(review.User, document, ReviewFixture.SchemaRef, null, null, ReviewFixture.None);
        Assert.Equal((200, 200), (started.Run.Counts.Pending, started.Run.Counts.Total));
        await review.WorkAsync(workers: 2);

        var run = await review.Strata.Services.Review.GetRunAsync(review.User, started.Run.RunId, ReviewFixture.None);
        Assert.Equal(RunStatuses.Completed, run.Status);
        Assert.Equal((0, 0, 200), (run.Counts.Pending, run.Counts.Claimed, run.Counts.Staged + run.Counts.Failed));
        var values = await review.ValuesAsync(run.RunId);
        Assert.Equal(Enumerable.Range(0, 200), values.Select(v => v.BlockIndex));
        var failed = values.Where(v => v.State == BlockValueStates.Failed).ToList();
        Assert.All(broken, b => Assert.Equal(BlockValueStates.Failed, values[b].State));
        Assert.All(failed, v => Assert.False(string.IsNullOrEmpty(v.Error)));
        Assert.All(failed, v => Assert.False(string.IsNullOrEmpty(v.RawOutput)));
        Assert.Contains(failed, v => v.RawOutput!.Contains("rather not answer", StringComparison.Ordinal));
        Assert.Contains(failed, v => v.RawOutput!.Contains("very high", StringComparison.Ordinal) && v.Error!.Contains("risk", StringComparison.Ordinal));
        var staged = values.Where(v => v.State == BlockValueStates.Staged).ToList();
        Assert.NotEmpty(staged);
        Assert.All(staged, v => Assert.Equal("rent", v.Value!.Value.GetProperty("topic").GetString()));
        Assert.All(staged, v => Assert.EndsWith(":" + v.BlockIndex.ToString(CultureInfo.InvariantCulture), v.BlockUid));
        // Each block was claimed once: no worker asked for a block another had, and none was answered twice.
        var items = await review.Strata.Services.Sources.ListRunItemsAsync(review.User, run.RunId, null, new Core.Paging(500), ReviewFixture.None);
        Assert.All(items.Items, i => Assert.Equal(1, i.Attempts));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Listing_the_blocks_in_one_state_pages_past_the_five_hundredth_item(string backend)
    {
        // The state filter once read the first 500 items only: the pending blocks after them were never listed.
        await using var review = await ReviewFixture.StartAsync(backend);
        var document = await review.AddDocumentAsync("long-lease.md", ReviewFixture.Paragraphs(620));
        await review.RegisterSchemaAsync();
        var started = await review.Strata.Services.Review.StartRunAsync(review.User, document, ReviewFixture.SchemaRef, null, null, ReviewFixture.None);

        var pending = await review.ValuesAsync(started.Run.RunId, BlockValueStates.Pending);

        Assert.Equal(Enumerable.Range(0, 620), pending.Select(v => v.BlockIndex));
        var last = await review.Strata.Services.Review.GetValueAsync(review.User, started.Run.RunId, 619, ReviewFixture.None);
        Assert.Equal(BlockValueStates.Pending, last.State);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ACancelledRunReleasesItsClaimsAndNoWorkerTakesMoreOfItsBlocks(string backend)
    {
        await using var review = await ReviewFixture.StartAsync(backend);
        var document = await review.AddDocumentAsync("lease.md", ReviewFixture.Paragraphs(30));
        await review.RegisterSchemaAsync();
        var started = await review.Strata.Services.Review.StartRunAsync(review.User, document, ReviewFixture.SchemaRef, null, null, ReviewFixture.None);

        var cancelled = await review.Strata.Services.Review.CancelRunAsync(review.User, started.Run.RunId, ReviewFixture.None);
        await review.WorkAsync();

        Assert.Equal(RunStatuses.Cancelled, cancelled.Status);
        var run = await review.Strata.Services.Review.GetRunAsync(review.User, started.Run.RunId, ReviewFixture.None);
        Assert.Equal((RunStatuses.Cancelled, 30, 0, 0), (run.Status, run.Counts.Pending, run.Counts.Claimed, run.Counts.Staged));
        Assert.Empty(review.Server.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ARunWhoseEveryBlockFailsEndsFailedAndRetryingItsFailedBlocksCompletesIt(string backend)
    {
        await using var review = await ReviewFixture.StartAsync(backend);
        review.Server.Script.Clear();
        review.Server.Script.Reply(FakeReply.Text("no"), times: 100);
        review.Server.Script.Reply(FakeReply.EchoFields(ReviewFixture.Answer));
        var document = await review.AddDocumentAsync("lease.md", ReviewFixture.Paragraphs(4));
        await review.RegisterSchemaAsync();
        var started = await review.Strata.Services.Review.StartRunAsync(review.User, document, ReviewFixture.SchemaRef, null, null, ReviewFixture.None);
        await review.WorkAsync();
        var failedRun = await review.Strata.Services.Review.GetRunAsync(review.User, started.Run.RunId, ReviewFixture.None);
        Assert.Equal((RunStatuses.Failed, 4), (failedRun.Status, failedRun.Counts.Failed));

        // The fake answers properly from now on.
        review.Server.Script.Clear();
        review.Server.Script.Reply(FakeReply.EchoFields(ReviewFixture.Answer));
        var retried = await review.Strata.Services.Review.RetryFailedAsync(review.User, ReviewScope.Project, "Contracts", ReviewFixture.None);
        Assert.Equal((4, 4), (retried.Changed, retried.Counts.Pending));
        await review.WorkAsync();

        var run = await review.Strata.Services.Review.GetRunAsync(review.User, started.Run.RunId, ReviewFixture.None);
        Assert.Equal((RunStatuses.Completed, 4, 0), (run.Status, run.Counts.Staged, run.Counts.Failed));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADocumentThatIsNotIngestedCannotBeRunAndAnotherUsersDocumentIsNotFound(string backend)
    {
        await using var review = await ReviewFixture.StartAsync(backend);
        var document = await review.AddDocumentAsync("lease.md", ReviewFixture.Paragraphs(3));
        await review.RegisterSchemaAsync();
        var bob = await review.Strata.UserAsync("bob");
        await review.RegisterSchemaAsync(bob);

        var refused = await Assert.ThrowsAsync<StrataException>(() =>
            review.Strata.Services.Review.StartRunAsync(bob, document, ReviewFixture.SchemaRef, null, null, ReviewFixture.None));

        Assert.Equal(ErrorCodes.DocumentNotFound, refused.Code);
    }
}
