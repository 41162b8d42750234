using System.Text;
using Strata.Core;
using Strata.Core.Sources;
using Strata.Formats;
using Strata.S3.Tests.Support;
using Strata.Storage.Compliance;

namespace Strata.S3.Tests;

/// <summary>A forgotten source's bytes leave the S3 bucket after the commit, while another user's object of the same
/// bytes stays, on both databases (issue 24, item 6).</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3ForgetTests(S3ServerFixture s3Server) : IDisposable
{
    private const string Upload = "name,email\nAda Lovelace,ada@example.com\n";

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TempDirectory _data = new();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AForgottenSourcesObjectIsDeletedAndAnotherUsersObjectOfTheSameBytesStays(string backend)
    {
        using var s3 = new S3BlobStore(s3Server.Options("forget-" + backend));
        await s3.EnsureBucketAsync(None);
        var clock = new ManualClock(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var backendStore = await BackendStore.OpenAsync(backend, _data.Path, clock);
        var store = backendStore.Store;
        var strata = new StrataServices(store, s3, [new RulesInterpreter()], new StrataOptions { SpoolDirectory = Path.Combine(_data.Path, "spool") }, clock);
        var alice = (await strata.Users.EnsureAsync("alice", None)).Id;
        var bob = (await strata.Users.EnsureAsync("bob", None)).Id;
        var hers = await strata.Ingest.IngestAsync(alice, new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(Upload)), "ada.csv", null, "contact"), None);
        var his = await strata.Ingest.IngestAsync(bob, new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(Upload)), "ada.csv", null, "contact"), None);
        Assert.True(await s3.ExistsAsync(BlobKeys.For(alice, hers.ContentHash), None));

        var deleted = await strata.Forgetting.DeleteSourceAsync(alice, hers.SourceId, None);

        Assert.Equal((1, 1, 1), (deleted.Removed["sources"], deleted.Removed["entities"], deleted.Removed["blobs"]));
        Assert.False(await s3.ExistsAsync(BlobKeys.For(alice, hers.ContentHash), None));
        Assert.True(await s3.ExistsAsync(BlobKeys.For(bob, his.ContentHash), None));
        Assert.Single((await strata.Entities.RetrieveAsync(bob, null, null, true, false, new Paging(), None)).Entities);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
