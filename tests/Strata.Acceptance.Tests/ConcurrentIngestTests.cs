using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Operations;
using Strata.Core.Sources;

namespace Strata.Acceptance.Tests;

/// <summary>Many clients uploading the same bytes at the same moment: one source per payload, every answer a success
/// or a dedupe, and the bytes still there for the run (issue 9, item 1).</summary>
public sealed class ConcurrentIngestTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task SixteenSimultaneousUploadsOfTheSameBytesMakeOneSourceAndTheRestAreDedupes(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var results = await IngestConcurrentlyAsync(user, payloads: 1, clients: 16);

        await AssertOneReadableSourcePerPayloadAsync(user, results, payloads: 1);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task SeveralPayloadsEachUploadedByEightClientsAtOnceEachKeepOneSourceWithItsBytes(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var results = await IngestConcurrentlyAsync(user, payloads: 5, clients: 8);

        await AssertOneReadableSourcePerPayloadAsync(user, results, payloads: 5);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task EightSimultaneousUploadsNeverStartASecondRunForBytesWhoseRunCompleted(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        const int Rounds = 24;

        // Each round: eight clients upload the same new bytes at once and wait, so the first one's run completes while
        // the others are deciding whether those bytes were ever fully interpreted (the PostgreSQL race of issue 25, item 7).
        var results = new List<IngestResult>();
        for (var round = 0; round < Rounds; round++)
        {
            using var start = new Barrier(8);
            results.AddRange(await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                var content = new MemoryStream(Encoding.UTF8.GetBytes(Payload(1_000 + round)));
                return await _strata.Services.Ingest.IngestAsync(user, new IngestRequest(content, $"round-{round}-client-{c}.csv", null, "contact"), None);
            }))));
        }

        Assert.Equal(Rounds, _strata.Counts()["sources"]);
        Assert.Equal(Rounds, _strata.Counts()["runs"]);
        Assert.DoesNotContain(results, r => r.Interpretation.Reason?.Contains("a new run is queued", StringComparison.Ordinal) == true);
        Assert.All(results.Where(r => r.Interpretation.RunId is not null), r => Assert.Equal("completed", r.Interpretation.Status));
    }

    private static string Payload(int index) => $"name,email\nPerson {index},person-{index}@example.org\n";

    private async Task<List<(int Payload, IngestResult Result)>> IngestConcurrentlyAsync(string user, int payloads, int clients)
    {
        using var start = new Barrier(payloads * clients);
        var uploads = Enumerable.Range(0, payloads).SelectMany(p => Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var content = new MemoryStream(Encoding.UTF8.GetBytes(Payload(p)));
            var result = await _strata.Services.Ingest.IngestAsync(user,
                new IngestRequest(content, $"payload-{p}-client-{c}.csv", null, "contact", Wait: false), None);
            return (p, result);
        }))).ToList();
        return (await Task.WhenAll(uploads)).ToList();
    }

    private async Task AssertOneReadableSourcePerPayloadAsync(string user, List<(int Payload, IngestResult Result)> results, int payloads)
    {
        foreach (var group in results.GroupBy(r => r.Payload))
        {
            Assert.Single(group, r => !r.Result.Deduplicated);
            Assert.Single(group.Select(r => r.Result.SourceId).Distinct());
            Assert.All(group, r => Assert.Equal(StorageStatuses.Uploaded, r.Result.StorageStatus));
        }
        Assert.Equal(payloads, _strata.Counts()["sources"]);

        while (await _strata.RunDueJobsAsync() > 0)
        {
        }
        foreach (var (payload, result) in results.Where(r => !r.Result.Deduplicated))
        {
            await using (var blob = await _strata.Services.Blobs.OpenReadAsync(BlobKeys.For(user, result.ContentHash), None))
            using (var reader = new StreamReader(blob))
            {
                Assert.Equal(Payload(payload), await reader.ReadToEndAsync());
            }
            Assert.Equal("completed", (await _strata.RunAsync(user, result.Interpretation.RunId!)).Status);
        }
        Assert.Equal(payloads, _strata.Counts()["runs"]);
    }

    public void Dispose() => _strata?.Dispose();
}
