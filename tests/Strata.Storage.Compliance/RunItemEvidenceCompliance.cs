using Strata.Core.Llm;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Sources;

namespace Strata.Storage.Compliance;

/// <summary>The reads provenance uses: one run item by its index (<see cref="IRunItemStore.GetAsync"/>) and the evidence of
/// a page of observations (<see cref="IEvidenceStore.ListForObservationsAsync"/>), both only for the session's user.</summary>
public abstract class RunItemEvidenceCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AnItemIsReadByItsIndexAndEvidenceByItsObservationsOnlyForTheirUser()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var now = Clock.GetUtcNow();
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Sources.InsertAsync(new Source("src_evidence", alice, new string('b', 64), 40, "text/markdown", "n.md",
                StorageStatuses.Uploaded, now), None);
            Assert.True(await session.Runs.InsertAsync(new Run("run_evidence", alice, "src_evidence", "llm", "1", "{}", "hash",
                RunStatuses.Running, 0, 0, 0, null, now, now, null, now), None));
            await session.RunItems.InsertManyAsync([RunItem.Pending("run_evidence", 0, 0, 20, now), RunItem.Pending("run_evidence", 1, 20, 20, now)], None);
            await session.Evidence.InsertManyAsync(
            [
                new ObservationEvidence("obs_a", "name", "run_evidence", 0, "Ada", true, 3, 3, "exact"),
                new ObservationEvidence("obs_a", "email", "run_evidence", 0, "ada@example.com", false, null, null, "none"),
                new ObservationEvidence("obs_b", "title", "run_evidence", 1, "Review", true, 22, 6, "normalized"),
                new ObservationEvidence("obs_c", "title", "run_evidence", 1, "Other", true, 30, 5, "exact"),
            ], None);
            await session.CommitAsync(None);
        }

        await using (var read = await Store.OpenReadAsync(alice, None))
        {
            var item = await read.RunItems.GetAsync("run_evidence", 1, None);
            Assert.Equal((1, 20, 20, RunItemStatuses.Pending), (item!.Index, item.Start, item.Length, item.Status));
            Assert.Null(await read.RunItems.GetAsync("run_evidence", 9, None));
            var evidence = await read.Evidence.ListForObservationsAsync(["obs_a", "obs_b", "obs_missing"], None);
            Assert.Equal(["obs_a/email", "obs_a/name", "obs_b/title"], evidence.Select(e => $"{e.ObservationId}/{e.Field}").Order());
            var email = evidence.Single(e => e.Field == "email");
            Assert.Equal((false, null, null, "none"), (email.Found, email.Start, email.Length, email.Match));
            Assert.Empty(await read.Evidence.ListForObservationsAsync([], None));
        }

        await using var other = await Store.OpenReadAsync(bob, None);
        Assert.Null(await other.RunItems.GetAsync("run_evidence", 1, None));
        Assert.Empty(await other.Evidence.ListForObservationsAsync(["obs_a", "obs_b"], None));
    }
}
