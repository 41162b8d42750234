using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Deletions;
using Strata.Core.Errors;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>preview_deletion counts what delete_project or delete_document would remove — documents, blocks, block runs,
/// their staged and confirmed values, the observations those became — and removes nothing; the delete that follows
/// removes what was counted.</summary>
public sealed class DeletionPreviewTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    /// <summary>Contracts holds lease.md (3 paragraphs, 2 confirmed) and terms.md (5 paragraphs, 1 confirmed), each with a
    /// run of the schema; another project of the same user holds a document with a run too, which no preview of
    /// Contracts may count.</summary>
    private static async Task<(ReviewFixture Review, string Lease, string Terms)> ReviewedProjectAsync(string backend)
    {
        var review = await ReviewFixture.StartAsync(backend);
        var services = review.Strata.Services;
        var lease = await review.AddDocumentAsync("lease.md", ReviewFixture.Paragraphs(3));
        var terms = await review.AddDocumentAsync("terms.md", ReviewFixture.Paragraphs(5, "The landlord"));
        var other = (await services.Projects.CreateAsync(review.User, "Other", None)).ProjectId;
        await review.AddDocumentAsync("other.md", ReviewFixture.Paragraphs(2, "Someone else"), project: other);
        await review.RegisterSchemaAsync();
        await services.Review.ApplySchemaAsync(review.User, review.ProjectId, ReviewFixture.SchemaRef, null, null, None);
        await services.Review.ApplySchemaAsync(review.User, other, ReviewFixture.SchemaRef, null, null, None);
        await review.WorkAsync();
        await services.Review.ConfirmAllAsync(review.User, ReviewScope.Project, other, None);
        var runs = (await services.Review.ListRunsAsync(review.User, null, review.ProjectId, new Paging(10), None)).Items;
        var leaseRun = runs.Single(r => r.DocumentId == lease).RunId;
        await services.Review.ConfirmAsync(review.User, leaseRun, 0, None);
        await services.Review.ConfirmAsync(review.User, leaseRun, 2, None);
        await services.Review.ConfirmAsync(review.User, runs.Single(r => r.DocumentId == terms).RunId, 4, None);
        return (review, lease, terms);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_project_preview_counts_its_documents_blocks_runs_values_and_observations_and_removes_nothing(string backend)
    {
        var (review, _, _) = await ReviewedProjectAsync(backend);
        await using var __ = review;
        var services = review.Strata.Services;
        var before = review.Strata.Fingerprint();

        var preview = await services.Deletions.PreviewAsync(review.User, "Contracts", null, None);

        Assert.Equal(("project", review.ProjectId, "Contracts"), (preview.Deleting, preview.Id, preview.Name));
        Assert.Equal(new DeletionCounts(Documents: 2, Blocks: 8, BlockRuns: 2, StagedValues: 5, ConfirmedValues: 3, Observations: 3), preview.Counts);
        Assert.Contains("source", preview.Sources, StringComparison.Ordinal);
        Assert.Contains("entity", preview.Entities, StringComparison.Ordinal);
        Assert.Equal(before, review.Strata.Fingerprint());
        Assert.Equal(2, (await services.Documents.ListAsync(review.User, review.ProjectId, null, new Paging(10), None)).Documents.Count);

        var deleted = await services.Deletions.DeleteProjectAsync(review.User, review.ProjectId, None);
        Assert.Equal((preview.Counts.Documents, preview.Counts.Blocks, preview.Counts.BlockRuns),
            (deleted.Removed["documents"], deleted.Removed["blocks"], deleted.Removed["block_runs"]));
        Assert.Equal(3, deleted.Removed["entities"]);
        Assert.Equal(new DeletionCounts(1, 2, 1, 0, 2, 2), (await services.Deletions.PreviewAsync(review.User, "Other", null, None)).Counts);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_document_preview_counts_that_document_alone_and_its_delete_removes_what_was_counted(string backend)
    {
        var (review, lease, _) = await ReviewedProjectAsync(backend);
        await using var __ = review;
        var services = review.Strata.Services;
        var before = review.Strata.Fingerprint();

        var preview = await services.Deletions.PreviewAsync(review.User, null, lease, None);

        Assert.Equal(("document", lease, "lease.md"), (preview.Deleting, preview.Id, preview.Name));
        Assert.Equal(new DeletionCounts(Documents: 1, Blocks: 3, BlockRuns: 1, StagedValues: 1, ConfirmedValues: 2, Observations: 2), preview.Counts);
        Assert.Equal(before, review.Strata.Fingerprint());

        var deleted = await services.Deletions.DeleteDocumentAsync(review.User, lease, None);
        Assert.Equal((1, 3, 1, 2), (deleted.Removed["documents"], deleted.Removed["blocks"], deleted.Removed["block_runs"], deleted.Removed["entities"]));
        Assert.Equal(new DeletionCounts(1, 5, 1, 4, 1, 1), (await services.Deletions.PreviewAsync(review.User, review.ProjectId, null, None)).Counts);
        var gone = await Assert.ThrowsAsync<StrataException>(() => services.Deletions.PreviewAsync(review.User, null, lease, None));
        Assert.Equal(ErrorCodes.DocumentNotFound, gone.Code);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_preview_names_exactly_one_of_project_or_document_and_another_users_answer_as_missing_ones(string backend)
    {
        var (review, lease, _) = await ReviewedProjectAsync(backend);
        await using var __ = review;
        var deletions = review.Strata.Services.Deletions;
        var bob = await review.Strata.UserAsync("bob");

        foreach (var (project, document) in new[] { ((string?)null, (string?)null), ("Contracts", lease), ("  ", null) })
        {
            var refused = await Assert.ThrowsAsync<StrataException>(() => deletions.PreviewAsync(review.User, project, document, None));
            Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        }
        foreach (var (hers, missing, code) in new[]
        {
            (review.ProjectId, "prj_000000000000000000000000", ErrorCodes.ProjectNotFound),
            (lease, "doc_000000000000000000000000", ErrorCodes.DocumentNotFound),
        })
        {
            var byProject = code == ErrorCodes.ProjectNotFound;
            var theirs = await Assert.ThrowsAsync<StrataException>(() =>
                deletions.PreviewAsync(bob, byProject ? hers : null, byProject ? null : hers, None));
            var nobodys = await Assert.ThrowsAsync<StrataException>(() =>
                deletions.PreviewAsync(bob, byProject ? missing : null, byProject ? null : missing, None));
            Assert.Equal((code, nobodys.Message.Replace(missing, "<id>", StringComparison.Ordinal)),
                (theirs.Code, theirs.Message.Replace(hers, "<id>", StringComparison.Ordinal)));
        }
        var byName = await Assert.ThrowsAsync<StrataException>(() => deletions.PreviewAsync(bob, "Contracts", null, None));
        Assert.Equal(ErrorCodes.ProjectNotFound, byName.Code);
    }
}
