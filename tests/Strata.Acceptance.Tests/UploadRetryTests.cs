using Strata.Acceptance.Tests.Support;
using Strata.Core;

namespace Strata.Acceptance.Tests;

public sealed class UploadRetryTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Contacts = "name,email\nAda Lovelace,ada@example.com\nGrace Hopper,grace@example.org\n";

    private async Task<string> StorageStatusAsync(string user, string sourceId) =>
        (await _strata.Services.Sources.GetSourceAsync(user, sourceId, None)).StorageStatus;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT007_WhenTheBlobStoreFailsIngestAnswersAtOnceAndTheUploadSucceedsOnceTheStoreRecovers(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        _strata.Blobs.Failing = true;

        var result = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact");

        Assert.Equal("pending", result.StorageStatus);
        Assert.Equal("pending", result.Interpretation.Status);
        Assert.NotNull(result.Interpretation.RunId);
        Assert.False(File.Exists(_strata.BlobPath(user, result.ContentHash)));
        Assert.False(File.Exists(_strata.UploadSpoolPath(user, result.ContentHash)));
        Assert.Equal(Contacts.Length, _strata.PendingBytes()); // waiting in the database, for a worker anywhere

        await _strata.RunDueJobsAsync();
        Assert.Equal("pending", await StorageStatusAsync(user, result.SourceId));
        _strata.Clock.Advance(TimeSpan.FromSeconds(30));
        await _strata.RunDueJobsAsync(); // the first retry, still refused
        Assert.Equal("pending", await StorageStatusAsync(user, result.SourceId));
        Assert.Equal("pending", (await _strata.RunAsync(user, result.Interpretation.RunId!)).Status);

        _strata.Blobs.Failing = false;
        _strata.Clock.Advance(TimeSpan.FromSeconds(60));
        await _strata.RunDueJobsAsync(); // the second retry

        Assert.Equal("uploaded", await StorageStatusAsync(user, result.SourceId));
        Assert.Equal(Contacts, await File.ReadAllTextAsync(_strata.BlobPath(user, result.ContentHash)));
        Assert.Equal(0, _strata.PendingBytes());

        // The interpretation waited for the upload; it runs when it next looks.
        _strata.Clock.Advance(_strata.Services.Options.Worker.UploadWaitPoll);
        await _strata.RunDueJobsAsync();
        var run = await _strata.RunAsync(user, result.Interpretation.RunId!);
        Assert.Equal("completed", run.Status);
        Assert.Equal(2, run.ObservationsCreated);
        Assert.Equal(2, (await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(IncludeTotal: true), None)).Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT007_AnUploadRefusedAtIngestAndOnAllFiveRetriesMarksTheSourceFailedWithTheError(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        _strata.Blobs.Failing = true;
        var result = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact");

        foreach (var delay in new[] { 30, 60, 120, 300, 600 })
        {
            Assert.Equal("pending", await StorageStatusAsync(user, result.SourceId));
            _strata.Clock.Advance(TimeSpan.FromSeconds(delay - 1));
            await _strata.RunDueJobsAsync();
            Assert.Equal(RefusedBefore(delay), _strata.Blobs.RefusedWrites); // not retried before its time
            _strata.Clock.Advance(TimeSpan.FromSeconds(1));
            await _strata.RunDueJobsAsync();
        }

        Assert.Equal(6, _strata.Blobs.RefusedWrites); // the ingest's own try and five retries
        var source = await _strata.Services.Sources.GetSourceAsync(user, result.SourceId, None);
        Assert.Equal("failed", source.StorageStatus);
        Assert.Contains("The blob store is unavailable", source.StorageError);
        Assert.Contains("6 tries", source.StorageError);
        _strata.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await _strata.RunDueJobsAsync()); // only the waiting interpretation, which now gives up
        var run = await _strata.RunAsync(user, result.Interpretation.RunId!);
        Assert.Equal("failed", run.Status);
        Assert.Contains("never reached the blob store", run.Error);
        Assert.Equal(6, _strata.Services.Metrics.Uploads.Value("failure"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IngestingTheBytesOfASourceWhoseUploadFinallyFailedStoresThemAgainAndRecoversTheSource(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        _strata.Blobs.Failing = true;
        var result = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact");
        foreach (var delay in new[] { 30, 60, 120, 300, 600 })
        {
            _strata.Clock.Advance(TimeSpan.FromSeconds(delay));
            await _strata.RunDueJobsAsync();
        }
        Assert.Equal("failed", await StorageStatusAsync(user, result.SourceId));

        _strata.Blobs.Failing = false;
        var again = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact");

        Assert.True(again.Deduplicated);
        Assert.Equal(result.SourceId, again.SourceId);
        Assert.Equal("uploaded", again.StorageStatus);
        Assert.Equal("uploaded", await StorageStatusAsync(user, result.SourceId));
        Assert.Null((await _strata.Services.Sources.GetSourceAsync(user, result.SourceId, None)).StorageError);
        Assert.Equal(Contacts, await File.ReadAllTextAsync(_strata.BlobPath(user, result.ContentHash)));
        Assert.Equal(0, _strata.PendingBytes());
        var rerun = await _strata.Services.Ingest.ReinterpretAsync(user, result.SourceId, new(), None);
        Assert.Equal("completed", rerun.Status);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IngestingTheBytesOfAFailedUploadWhileTheStoreIsStillDownQueuesThemAgain(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        _strata.Blobs.Failing = true;
        var result = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact");
        foreach (var delay in new[] { 30, 60, 120, 300, 600 })
        {
            _strata.Clock.Advance(TimeSpan.FromSeconds(delay));
            await _strata.RunDueJobsAsync();
        }

        var again = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact");
        Assert.Equal("pending", again.StorageStatus);
        _strata.Blobs.Failing = false;
        _strata.Clock.Advance(TimeSpan.FromSeconds(30));
        await _strata.RunDueJobsAsync();

        Assert.Equal("uploaded", await StorageStatusAsync(user, result.SourceId));
        Assert.Equal(Contacts, await File.ReadAllTextAsync(_strata.BlobPath(user, result.ContentHash)));
        Assert.Equal(0, _strata.PendingBytes());
    }

    /// <summary>Refused writes before the retry after <paramref name="delay"/> seconds: the ingest's try, then one per earlier retry.</summary>
    private static int RefusedBefore(int delay) => 1 + Array.IndexOf([30, 60, 120, 300, 600], delay);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnIngestThatIsNotWaitedForLeavesItsRunPendingForAWorker(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");

        var result = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact", wait: false);

        Assert.Equal("uploaded", result.StorageStatus);
        Assert.Equal("pending", result.Interpretation.Status);
        Assert.Equal(0, (await _strata.Services.Entities.RetrieveAsync(user, null, null, false, false, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(1, await _strata.RunDueJobsAsync());
        var run = await _strata.RunAsync(user, result.Interpretation.RunId!);
        Assert.Equal("completed", run.Status);
        Assert.NotNull(run.StartedAt);
        Assert.NotNull(run.HeartbeatAt);
    }

    public void Dispose() => _strata?.Dispose();
}
