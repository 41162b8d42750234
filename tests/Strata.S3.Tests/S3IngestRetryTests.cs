using System.Text;
using Strata.Core;
using Strata.Core.Sources;
using Strata.Formats;
using Strata.S3.Tests.Support;
using Strata.Sqlite;
using Strata.Storage.Compliance;

namespace Strata.S3.Tests;

/// <summary>The core's upload queue over the real S3 store: the S3 server goes down, ingest still answers, and the
/// source is uploaded and interpreted once the server is back.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3IngestRetryTests : IDisposable
{
    private readonly TempDirectory _serverData = new();
    private readonly TempDirectory _strataData = new();
    private S3ServerProcess? _server;

    [Fact]
    public async Task AnIngestWhileS3IsDownIsPendingAndIsUploadedAndInterpretedWhenS3IsBack()
    {
        _server = await S3ServerProcess.StartAsync(port: 0, _serverData.Path);
        using var s3 = new S3BlobStore(S3ServerFixture.OptionsFor(_server, "ingest-retry"));
        await s3.EnsureBucketAsync(CancellationToken.None);
        var clock = new ManualClock(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var strata = EmbeddedStrata.Open(_strataData.Path, [new RulesInterpreter()], clock, new EmbeddedSettings { WrapBlobStore = _ => s3 });
        var user = (await strata.Users.EnsureAsync("alice", CancellationToken.None)).Id;
        var port = _server.Port;
        _server.Kill();

        var csv = "name,email\nAda Lovelace,ada@example.com\n";
        var result = await strata.Ingest.IngestAsync(user, new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "ada.csv", EntityType: "contact"), CancellationToken.None);

        Assert.Equal(StorageStatuses.Pending, result.StorageStatus);
        clock.Advance(TimeSpan.FromSeconds(30));
        await strata.Jobs.DrainAsync("test", CancellationToken.None); // a retry while S3 is still down
        Assert.Equal(StorageStatuses.Pending, (await strata.Sources.GetSourceAsync(user, result.SourceId, CancellationToken.None)).StorageStatus);

        _server.Dispose();
        _server = await S3ServerProcess.StartAsync(port, _serverData.Path);
        clock.Advance(TimeSpan.FromSeconds(60));
        await strata.Jobs.DrainAsync("test", CancellationToken.None); // the next retry finds S3 back
        clock.Advance(TimeSpan.FromSeconds(60));
        await strata.Jobs.DrainAsync("test", CancellationToken.None); // the interpretation that waited for the upload

        Assert.Equal(StorageStatuses.Uploaded, (await strata.Sources.GetSourceAsync(user, result.SourceId, CancellationToken.None)).StorageStatus);
        Assert.True(await s3.ExistsAsync(BlobKeys.For(user, result.ContentHash), CancellationToken.None));
        var runs = await strata.Sources.ListRunsAsync(user, result.SourceId, new Paging(), CancellationToken.None);
        Assert.Equal("completed", Assert.Single(runs.Runs).Status);
        Assert.Equal(1, (await strata.Entities.RetrieveAsync(user, "contact", "ada", false, false, new Paging(IncludeTotal: true), CancellationToken.None)).Total);
    }

    public void Dispose()
    {
        _server?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _serverData.Dispose();
        _strataData.Dispose();
    }
}
