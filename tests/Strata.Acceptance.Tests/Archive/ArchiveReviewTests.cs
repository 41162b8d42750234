using System.Text.Json;
using Strata.Acceptance.Tests.Review;
using Strata.Acceptance.Tests.Support;
using Strata.Core;

namespace Strata.Acceptance.Tests.Archive;

/// <summary>Review states — staged, confirmed, edited, rejected block values, and the observations confirmation made —
/// move with the archive from SQLite to PostgreSQL as they were.</summary>
public sealed class ArchiveReviewTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Block_values_in_every_review_state_keep_their_state_value_and_provenance_in_another_database()
    {
        var (review, document, runId) = await ReviewFixture.WithRunAsync(Backends.Sqlite, blocks: 4);
        await using var disposeReview = review;
        var services = review.Strata.Services;
        await services.Review.ConfirmAsync(review.User, runId, 0, None);
        await services.Review.EditAsync(review.User, runId, 1, ReviewFixture.Parse("""{"topic":"deposit","risk":4,"kind":"payment"}"""), None);
        await services.Review.RejectAsync(review.User, runId, 2, None);
        var archive = await ArchiveStores.ExportAsync(review.Strata, review.User);

        using var target = new TestStrata(backend: Backends.Postgres);
        await target.UserAsync("alice");
        await ArchiveStores.ImportAsync(target, review.User, archive);

        ArchiveStores.AssertSame(ArchiveStores.Dump(archive), ArchiveStores.Dump(await ArchiveStores.ExportAsync(target, review.User)));
        var before = await review.ValuesAsync(runId);
        var after = (await target.Services.Review.ListValuesAsync(review.User, runId, state: null, new Paging(100), None)).Items;
        Assert.Contains(before, v => v.State == "confirmed" && v.Edited);
        Assert.Contains(before, v => v.State == "staged");
        Assert.True(before.Select(v => v.State).Distinct().Count() >= 3, string.Join(", ", before.Select(v => v.State)));
        Assert.Equal(before.Select(Review), after.Select(Review));
        var entities = await target.Services.Entities.RetrieveAsync(review.User, null, null, false, true, new Paging(), None);
        var original = await services.Entities.RetrieveAsync(review.User, null, null, false, true, new Paging(), None);
        Assert.NotEmpty(original.Entities);
        Assert.Equal(Snapshots(original), Snapshots(entities));
        Assert.Equal(document, Assert.Single((await target.Services.Review.ListRunsAsync(review.User, document, null, new Paging(), None)).Items).DocumentId);
    }

    /// <summary>Each entity's fields in key order (PostgreSQL's jsonb keeps its own order), by entity id.</summary>
    private static List<string> Snapshots(Core.Operations.EntityList list) =>
        list.Entities.Select(e => e.EntityId + ":" + string.Join(",", e.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value.GetRawText()}")))
            .Order(StringComparer.Ordinal).ToList();

    private static (int, string, string?, bool, string?, string?) Review(Core.Operations.BlockValueView value) =>
        (value.BlockIndex, value.State, value.Value?.GetRawText(), value.Edited, value.ObservationId, value.EntityId);
}
