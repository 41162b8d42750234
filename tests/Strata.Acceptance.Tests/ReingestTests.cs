using Strata.Acceptance.Tests.Support;
using Strata.Core.Jobs;

namespace Strata.Acceptance.Tests;

/// <summary>Ingesting bytes that are already a source: a dedupe when they were interpreted, a new or resumed run when
/// their last run failed or never finished.</summary>
public sealed class ReingestTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Note = "# Groceries\n\nmilk, eggs\n";

    private int RunCount() => _strata.Rows("SELECT id FROM runs").Count;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task BytesWhoseRunCompletedAreADedupeWithNoNewRun(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        await _strata.IngestTextAsync(user, "notes.md", Note);

        var again = await _strata.IngestTextAsync(user, "notes.md", Note);

        Assert.True(again.Deduplicated);
        Assert.True(again.Interpretation.Skipped);
        Assert.Contains("Use reinterpret", again.Interpretation.Reason);
        Assert.Equal(1, RunCount());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task BytesWhoseLastRunFailedAreInterpretedAgainInANewRun(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var first = (await _strata.IngestTextAsync(user, "notes.md", Note, wait: false)).Interpretation.RunId!;
        _strata.Execute("UPDATE runs SET status = 'failed', error = 'the disk was full', completed_at = created_at WHERE id = @first", new { first });
        _strata.Execute("UPDATE jobs SET state = 'failed' WHERE subject = @first", new { first });

        var again = await _strata.IngestTextAsync(user, "notes.md", Note);

        Assert.True(again.Deduplicated);
        Assert.NotEqual(first, again.Interpretation.RunId);
        Assert.Equal(("completed", 1), (again.Interpretation.Status, again.Interpretation.ObservationsCreated));
        Assert.Equal("failed", (await _strata.RunAsync(user, first)).Status);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task WhileAnotherProcessHoldsTheRunNoSecondRunStartsAndThatRunIsReported(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var first = (await _strata.IngestTextAsync(user, "notes.md", Note, wait: false)).Interpretation.RunId!;
        await _strata.Services.Store.Jobs.ClaimAsync(new JobClaim("live-worker", [JobKinds.Interpret], TimeSpan.FromMinutes(5)) { Subject = first }, None);

        var again = await _strata.IngestTextAsync(user, "notes.md", Note, wait: false);

        Assert.True(again.Deduplicated);
        Assert.False(again.Interpretation.Skipped);
        Assert.Equal((first, "pending"), (again.Interpretation.RunId, again.Interpretation.Status));
        Assert.Contains("unfinished run", again.Interpretation.Reason);
        Assert.Equal(1, RunCount());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AWaitingCallerTakesBackTheRunOfAKilledCallerOnceItsShortLeaseLapsesAndCompletesIt(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var first = (await _strata.IngestTextAsync(user, "notes.md", Note, wait: false)).Interpretation.RunId!;
        var lease = _strata.Services.Options.Worker.CallerLeaseDuration;
        var killed = (await _strata.Services.Store.Jobs.ClaimAsync(new JobClaim("wait:killed", [JobKinds.Interpret], lease) { Subject = first }, None))!;
        await using (var session = await _strata.Services.Store.OpenWriteAsync(user, None))
        {
            await session.Runs.StartAsync(first, _strata.Clock.GetUtcNow(), None);
            await session.CommitAsync(None);
        }
        _strata.Clock.Advance(lease + TimeSpan.FromSeconds(1));

        var again = await _strata.IngestTextAsync(user, "notes.md", Note);

        Assert.True(again.Deduplicated);
        Assert.Equal((first, "completed", 1), (again.Interpretation.RunId, again.Interpretation.Status, again.Interpretation.ObservationsCreated));
        Assert.Equal(1, RunCount());
        Assert.Equal(2, (await _strata.Services.Store.Jobs.GetAsync(killed.Id, None))!.Attempt);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ARunLeftBehindByAJobThatWillNeverRunAgainIsFailedAndTheBytesAreInterpretedAnew(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var first = (await _strata.IngestTextAsync(user, "notes.md", Note, wait: false)).Interpretation.RunId!;
        _strata.Execute("UPDATE runs SET status = 'running' WHERE id = @first", new { first });
        _strata.Execute("UPDATE jobs SET state = 'failed', attempt = 3, last_error = 'The lease of wait:x expired' WHERE subject = @first", new { first });

        var again = await _strata.IngestTextAsync(user, "notes.md", Note);

        Assert.NotEqual(first, again.Interpretation.RunId);
        Assert.Equal("completed", again.Interpretation.Status);
        var abandoned = await _strata.RunAsync(user, first);
        Assert.Equal("failed", abandoned.Status);
        Assert.Equal("Timeout - no heartbeat: gave up after attempt 3 of 3; the last one ended with: The lease of wait:x expired", abandoned.Error);
    }

    public void Dispose() => _strata?.Dispose();
}
