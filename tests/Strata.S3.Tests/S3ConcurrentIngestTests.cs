using System.Text;
using Strata.Core;
using Strata.Core.Sources;
using Strata.Formats;
using Strata.S3.Tests.Support;
using Strata.Storage.Compliance;

namespace Strata.S3.Tests;

/// <summary>Eight clients uploading each of several payloads at the same moment into S3, on both databases: every
/// answer a success or a dedupe, one source per payload, and the object still in the bucket for its run (issue 9,
/// item 1: a loser's rollback used to delete the winner's object).</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3ConcurrentIngestTests(S3ServerFixture s3Server) : IDisposable
{
    private const int Payloads = 4;
    private const int Clients = 8;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _data = new();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ConcurrentUploadsOfTheSameBytesKeepOneSourcePerPayloadAndItsObject(string backend)
    {
        using var s3 = new S3BlobStore(s3Server.Options("concurrent-" + backend));
        await s3.EnsureBucketAsync(None);
        var clock = new ManualClock(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var backendStore = await BackendStore.OpenAsync(backend, _data.Path, clock);
        var store = backendStore.Store;
        var strata = new StrataServices(store, s3, [new RulesInterpreter()], new StrataOptions { SpoolDirectory = Path.Combine(_data.Path, "spool") }, clock);
        var user = (await strata.Users.EnsureAsync("alice", None)).Id;

        using var start = new Barrier(Payloads * Clients);
        var uploads = Enumerable.Range(0, Payloads).SelectMany(p => Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var result = await strata.Ingest.IngestAsync(user, new IngestRequest(
                new MemoryStream(Encoding.UTF8.GetBytes(Payload(p))), $"p{p}-c{c}.csv", null, "contact", Wait: false), None);
            return (Payload: p, Result: result);
        }))).ToList();
        var results = await Task.WhenAll(uploads);

        foreach (var group in results.GroupBy(r => r.Payload))
        {
            Assert.Single(group, r => !r.Result.Deduplicated);
            Assert.Single(group.Select(r => r.Result.SourceId).Distinct());
        }
        Assert.Equal(Payloads, (await strata.Sources.ListSourcesAsync(user, new Paging(IncludeTotal: true), None)).Total);
        while (await strata.Jobs.DrainAsync("test", None) > 0)
        {
        }
        foreach (var (payload, result) in results.Where(r => !r.Result.Deduplicated))
        {
            await using (var blob = await s3.OpenReadAsync(BlobKeys.For(user, result.ContentHash), None))
            using (var reader = new StreamReader(blob))
            {
                Assert.Equal(Payload(payload), await reader.ReadToEndAsync());
            }
            var run = Assert.Single((await strata.Sources.ListRunsAsync(user, result.SourceId, new Paging(), None)).Runs);
            Assert.Equal("completed", run.Status);
        }
    }

    private static string Payload(int index) => $"name,email\nPerson {index},person-{index}@example.org\n";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
