using System.Text;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

/// <summary>A long interpretation commits slice by slice; a run cut short keeps its committed slices, and the retried
/// job resumes after them, creating nothing twice.</summary>
public sealed class SlicedRunTests
{
    private const int Lines = 5_000;
    private const string Config = """{"Limits": {"WriteSliceRecords": 100}}""";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT_a_run_cut_short_keeps_its_committed_slices_and_its_retry_resumes_without_duplicates(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: Config);
        var alice = await strata.UserAsync("alice");
        var text = new StringBuilder();
        for (var i = 0; i < Lines; i++) text.Append($$"""{"entity_type": "contact", "email": "user{{i}}@example.com", "name": "User {{i}}"}""").Append('\n');
        var queued = await strata.IngestTextAsync(alice, "contacts.jsonl", text.ToString(), wait: false);
        var runId = queued.Interpretation.RunId!;

        // The worker is stopped (its token cancelled) once some slices are in: as a process that dies mid-run would.
        using (var stop = new CancellationTokenSource())
        {
            var work = strata.Services.Jobs.DrainAsync("worker-1", stop.Token);
            while (!work.IsCompleted && ItemsOf(strata, runId) == 0) await Task.Delay(5);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work);
        }
        var cut = await strata.RunAsync(alice, runId);
        Assert.Equal("running", cut.Status);
        Assert.InRange(cut.ItemsCount, 100, Lines - 1);
        Assert.Equal(cut.ItemsCount, ObservationsOf(strata, runId)); // each slice committed whole, with its counters

        await strata.RunDueJobsAsync();

        var finished = await strata.RunAsync(alice, runId);
        Assert.Equal("completed", finished.Status);
        Assert.Equal(Lines, finished.ItemsCount);
        Assert.Equal(Lines, finished.ObservationsCreated);
        Assert.Equal(Lines, ObservationsOf(strata, runId));
        Assert.Equal(Lines.ToString(), strata.Rows("SELECT COUNT(*) FROM entities").Single());
    }

    private static int ItemsOf(TestStrata strata, string runId) =>
        int.Parse(strata.Rows("SELECT items_count FROM runs WHERE id = @runId", new { runId }).Single());

    private static int ObservationsOf(TestStrata strata, string runId) =>
        int.Parse(strata.Rows("SELECT COUNT(*) FROM observations WHERE run_id = @runId", new { runId }).Single());
}
