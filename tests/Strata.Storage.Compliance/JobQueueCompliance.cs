using System.Collections.Concurrent;
using Strata.Core.Jobs;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="IJobQueue"/>: atomic claims, fenced settling, rescue of expired leases, retries.</summary>
public abstract class JobQueueCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private IJobQueue Queue => Store.Jobs;

    private static JobClaim Claim(string owner, params string[] kinds) => new(owner, kinds.Length == 0 ? ["test"] : kinds, Lease);

    private Task<long?> EnqueueAsync(string kind = "test", string payload = "{}", int maxAttempts = 3) =>
        Queue.EnqueueAsync(new JobRequest(kind, payload) { MaxAttempts = maxAttempts }, None);

    [Fact]
    public async Task AnEnqueuedJobIsClaimedOnceWithItsPayloadAndALease()
    {
        var id = await EnqueueAsync(payload: """{"run_id":"run_1"}""");

        var job = await Queue.ClaimAsync(Claim("worker-a"), None);
        var again = await Queue.ClaimAsync(Claim("worker-b"), None);

        Assert.NotNull(job);
        Assert.Equal(id, job.Id);
        Assert.Equal("""{"run_id":"run_1"}""", job.Payload);
        Assert.Equal(JobStates.Running, job.State);
        Assert.Equal(1, job.Attempt);
        Assert.Equal("worker-a", job.LeaseOwner);
        Assert.Equal(Clock.GetUtcNow() + Lease, job.LeaseExpiresAt);
        Assert.Null(again);
    }

    [Fact]
    public async Task AJobScheduledLaterIsNotClaimedBeforeItsTime()
    {
        await Queue.EnqueueAsync(new JobRequest("test", "{}") { RunAt = Clock.GetUtcNow().AddSeconds(30) }, None);

        Assert.Null(await Queue.ClaimAsync(Claim("w"), None));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.NotNull(await Queue.ClaimAsync(Claim("w"), None));
    }

    [Fact]
    public async Task AClaimTakesOnlyTheRequestedKindsAndSubject()
    {
        await EnqueueAsync(kind: "other");
        await Queue.EnqueueAsync(new JobRequest("test", "{}") { Subject = "run_a" }, None);
        var wanted = await Queue.EnqueueAsync(new JobRequest("test", "{}") { Subject = "run_b" }, None);

        var bySubject = await Queue.ClaimAsync(Claim("w") with { Subject = "run_b" }, None);
        var byKind = await Queue.ClaimAsync(Claim("w"), None);

        Assert.Equal(wanted, bySubject!.Id);
        Assert.Equal("run_a", byKind!.Subject);
        Assert.Null(await Queue.ClaimAsync(Claim("w"), None));
        Assert.Equal("other", (await Queue.ClaimAsync(Claim("w", "other"), None))!.Kind);
    }

    [Fact]
    public async Task AUniqueKeyIsEnqueuedOnlyOnce()
    {
        var first = await Queue.EnqueueAsync(new JobRequest("test", "{}") { UniqueKey = "cleanup@09:00" }, None);
        var second = await Queue.EnqueueAsync(new JobRequest("test", "{}") { UniqueKey = "cleanup@09:00" }, None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(1, (await Queue.CountAsync(None)).Sum(c => c.Count));
    }

    [Fact]
    public async Task OnlyTheHolderOfTheLeaseCanSettleTheJob()
    {
        await EnqueueAsync();
        var job = (await Queue.ClaimAsync(Claim("worker-a"), None))!;

        Assert.False(await Queue.CompleteAsync(job.Lease with { Owner = "worker-b" }, None));
        Assert.False(await Queue.CompleteAsync(job.Lease with { Attempt = 2 }, None));
        Assert.Null(await Queue.FailAsync(job.Lease with { Owner = "worker-b" }, "boom", null, None));
        Assert.False(await Queue.ExtendLeaseAsync(job.Lease with { Owner = "worker-b" }, Lease, None));
        Assert.True(await Queue.CompleteAsync(job.Lease, None));
        Assert.False(await Queue.CompleteAsync(job.Lease, None));

        var done = (await Queue.GetAsync(job.Id, None))!;
        Assert.Equal(JobStates.Completed, done.State);
        Assert.Equal(Clock.GetUtcNow(), done.FinishedAt);
    }

    [Fact]
    public async Task AKilledWorkersLeaseExpiresAndItsJobCompletesElsewhereWhileTheLateWorkerCannotOverwrite()
    {
        await EnqueueAsync();
        var killed = (await Queue.ClaimAsync(Claim("worker-a"), None))!;

        Assert.Equal(0, await Queue.RescueExpiredAsync(None));
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Queue.RescueExpiredAsync(None));
        var rescued = (await Queue.GetAsync(killed.Id, None))!;
        Assert.Equal(JobStates.Retryable, rescued.State);
        Assert.Contains("worker-a", rescued.LastError);

        var elsewhere = (await Queue.ClaimAsync(Claim("worker-b"), None))!;
        Assert.Equal(killed.Id, elsewhere.Id);
        Assert.Equal(2, elsewhere.Attempt);
        Assert.True(await Queue.CompleteAsync(elsewhere.Lease, None));

        Assert.False(await Queue.CompleteAsync(killed.Lease, None));
        Assert.Null(await Queue.FailAsync(killed.Lease, "late failure", Clock.GetUtcNow(), None));
        Assert.False(await Queue.SnoozeAsync(killed.Lease, Clock.GetUtcNow(), None));
        var final = (await Queue.GetAsync(killed.Id, None))!;
        Assert.Equal(JobStates.Completed, final.State);
        Assert.Equal("worker-b", final.LeaseOwner);
        Assert.Equal(2, final.Attempt);
    }

    [Fact]
    public async Task AJobWhoseWorkerDiedOnEveryAttemptIsSetAsideSayingSoAndNeverClaimedAgain()
    {
        var id = await EnqueueAsync(maxAttempts: 2);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var claimed = (await Queue.ClaimAsync(Claim($"worker-{attempt}"), None))!;
            Assert.Equal((id!.Value, attempt), (claimed.Id, claimed.Attempt));
            Clock.Advance(Lease + TimeSpan.FromSeconds(1)); // the process running it died: its lease lapses
            Assert.Equal(1, await Queue.RescueExpiredAsync(None));
        }

        var poisoned = (await Queue.GetAsync(id!.Value, None))!;
        Assert.Equal(JobStates.Failed, poisoned.State);
        Assert.StartsWith("Set aside after 2 attempts: each time the process running it stopped or hung", poisoned.LastError);
        Assert.Contains("worker-2", poisoned.LastError);
        Assert.Null(await Queue.ClaimAsync(Claim("worker-3"), None));
    }

    [Fact]
    public async Task ALeaseThatIsExtendedIsNotRescued()
    {
        await EnqueueAsync();
        var job = (await Queue.ClaimAsync(Claim("w"), None))!;

        Clock.Advance(Lease - TimeSpan.FromSeconds(5));
        Assert.True(await Queue.ExtendLeaseAsync(job.Lease, Lease, None));
        Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, await Queue.RescueExpiredAsync(None));
        Assert.True(await Queue.CompleteAsync(job.Lease, None));
    }

    [Fact]
    public async Task AFailedAttemptIsRetriedAtItsTimeUntilTheAttemptsRunOut()
    {
        await EnqueueAsync(maxAttempts: 2);
        var first = (await Queue.ClaimAsync(Claim("w"), None))!;

        Assert.Equal(JobStates.Retryable, await Queue.FailAsync(first.Lease, "first error", Clock.GetUtcNow().AddSeconds(10), None));
        Assert.Null(await Queue.ClaimAsync(Claim("w"), None));
        Clock.Advance(TimeSpan.FromSeconds(10));
        var second = (await Queue.ClaimAsync(Claim("w"), None))!;
        Assert.Equal(2, second.Attempt);
        Assert.Equal("first error", second.LastError);

        Assert.Equal(JobStates.Failed, await Queue.FailAsync(second.Lease, "second error", Clock.GetUtcNow().AddSeconds(10), None));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await Queue.ClaimAsync(Claim("w"), None));
        var failed = (await Queue.GetAsync(first.Id, None))!;
        Assert.Equal("second error", failed.LastError);
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task AFailureWithoutARetryTimeFailsAtOnceWhateverAttemptsRemain()
    {
        await EnqueueAsync(maxAttempts: 5);
        var job = (await Queue.ClaimAsync(Claim("w"), None))!;

        Assert.Equal(JobStates.Failed, await Queue.FailAsync(job.Lease, "malformed", null, None));
        Assert.Null(await Queue.ClaimAsync(Claim("w"), None));
    }

    [Fact]
    public async Task ARescuedJobWithNoAttemptsLeftFails()
    {
        await EnqueueAsync(maxAttempts: 1);
        var job = (await Queue.ClaimAsync(Claim("w"), None))!;

        Clock.Advance(Lease * 2);
        await Queue.RescueExpiredAsync(None);

        Assert.Equal(JobStates.Failed, (await Queue.GetAsync(job.Id, None))!.State);
    }

    [Fact]
    public async Task SnoozingPutsTheJobBackWithoutSpendingAnAttempt()
    {
        await EnqueueAsync(maxAttempts: 1);
        var job = (await Queue.ClaimAsync(Claim("w"), None))!;

        Assert.True(await Queue.SnoozeAsync(job.Lease, Clock.GetUtcNow().AddSeconds(15), None));
        Assert.Null(await Queue.ClaimAsync(Claim("w"), None));
        Clock.Advance(TimeSpan.FromSeconds(15));
        var again = (await Queue.ClaimAsync(Claim("w"), None))!;

        Assert.Equal(2, again.Attempt);
        Assert.Equal(2, again.MaxAttempts);
        Assert.True(again.IsLastAttempt);
        Assert.Equal(JobStates.Failed, await Queue.FailAsync(again.Lease, "still failing", Clock.GetUtcNow(), None));
    }

    [Fact]
    public async Task PruningDeletesOnlyFinishedJobsOlderThanTheCutoff()
    {
        await EnqueueAsync();
        await EnqueueAsync();
        var old = (await Queue.ClaimAsync(Claim("w"), None))!;
        await Queue.CompleteAsync(old.Lease, None);
        Clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(1, await Queue.PruneAsync(Clock.GetUtcNow().AddDays(-7), None));

        Assert.Null(await Queue.GetAsync(old.Id, None));
        Assert.Equal(1, (await Queue.CountAsync(None)).Single(c => c.State == JobStates.Available).Count);
    }

    [Fact]
    public async Task TheDepthIsCountedByKindAndState()
    {
        await EnqueueAsync(kind: "interpret");
        await EnqueueAsync(kind: "interpret");
        await EnqueueAsync(kind: "upload");
        await Queue.ClaimAsync(Claim("w", "interpret"), None);

        var counts = await Queue.CountAsync(None);

        Assert.Equal(1, counts.Single(c => c is { Kind: "interpret", State: JobStates.Running }).Count);
        Assert.Equal(1, counts.Single(c => c is { Kind: "interpret", State: JobStates.Available }).Count);
        Assert.Equal(1, counts.Single(c => c is { Kind: "upload", State: JobStates.Available }).Count);
    }

    [Fact]
    public async Task AJobEnqueuedInASessionIsKeptOnlyIfTheSessionCommits()
    {
        var user = await UserAsync("alice");
        await using (var session = await Store.OpenWriteAsync(user, None))
        {
            await session.Jobs.EnqueueAsync(new JobRequest("test", "{}", user), None);
        }
        Assert.Empty(await Queue.CountAsync(None));

        await using (var session = await Store.OpenWriteAsync(user, None))
        {
            await session.Jobs.EnqueueAsync(new JobRequest("test", "{}", user), None);
            await session.CommitAsync(None);
        }
        Assert.Equal(user, (await Queue.ClaimAsync(Claim("w"), None))!.UserId);
    }

    [Fact]
    public async Task TheNewestJobOfAKindAboutASubjectIsFoundAndOnlyTheSessionUsersInsideASession()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var first = await Queue.EnqueueAsync(new JobRequest("interpret", "{}", alice) { Subject = "run_a" }, None);
        var newest = await Queue.EnqueueAsync(new JobRequest("interpret", "{}", alice) { Subject = "run_a" }, None);
        await Queue.EnqueueAsync(new JobRequest("upload", "{}", alice) { Subject = "run_a" }, None);
        await Queue.EnqueueAsync(new JobRequest("interpret", "{}", bob) { Subject = "run_b" }, None);

        var found = await Queue.FindBySubjectAsync("interpret", "run_a", None);

        Assert.NotEqual(first, newest);
        Assert.Equal(newest, found!.Id);
        Assert.Equal(("interpret", "run_a", alice), (found.Kind, found.Subject!, found.UserId!));
        Assert.Null(await Queue.FindBySubjectAsync("interpret", "run_missing", None));
        await using var session = await Store.OpenReadAsync(alice, None);
        Assert.Equal(newest, (await session.Jobs.FindBySubjectAsync("interpret", "run_a", None))!.Id);
        Assert.Null(await session.Jobs.FindBySubjectAsync("interpret", "run_b", None));
    }

    [Fact]
    public async Task ARescuePassWithNothingExpiredChangesNothingAndAnExpiredLeaseIsDueAtOnce()
    {
        await EnqueueAsync();
        var job = (await Queue.ClaimAsync(Claim("w"), None))!;
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Queue.RescueExpiredAsync(None));
        Assert.Equal(JobStates.Running, (await Queue.GetAsync(job.Id, None))!.State);

        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Queue.RescueExpiredAsync(None));

        var again = await Queue.ClaimAsync(Claim("other"), None);
        Assert.Equal((job.Id, 2), (again!.Id, again.Attempt));
    }

    [Fact]
    public async Task ASessionCannotEnqueueWorkForAnotherUser()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await using var session = await Store.OpenWriteAsync(alice, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.Jobs.EnqueueAsync(new JobRequest("test", "{}", bob), None));
    }

    [Fact]
    public async Task SeveralWorkersInParallelCompleteEveryJobExactlyOnce()
    {
        const int jobs = 120;
        for (var i = 0; i < jobs; i++) await EnqueueAsync(payload: $$"""{"n":"{{i}}"}""");
        var completions = new ConcurrentBag<long>();
        var claims = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(1, 4).Select(w => Task.Run(async () =>
        {
            while (await Queue.ClaimAsync(Claim($"worker-{w}"), None) is { } job)
            {
                claims.Add(job.Id);
                if (await Queue.CompleteAsync(job.Lease, None)) completions.Add(job.Id);
            }
        })));

        Assert.Equal(jobs, claims.Count);
        Assert.Equal(jobs, claims.Distinct().Count());
        Assert.Equal(jobs, completions.Distinct().Count());
        Assert.Equal(jobs, completions.Count);
        var counts = await Queue.CountAsync(None);
        Assert.Equal(jobs, counts.Single(c => c.State == JobStates.Completed).Count);
    }
}
