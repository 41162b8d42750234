using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Formats;
using Strata.Postgres.Storage;
using Strata.Sqlite.Storage;
using Strata.Storage.Compliance;
using ManualClock = Strata.Acceptance.Tests.Support.ManualClock;

namespace Strata.Acceptance.Tests;

/// <summary>
/// Two processes with a data directory each on one database, as docs/scale-out.md deploys them: bytes the blob store
/// refused in A wait in the database, and a worker in B uploads them even after A's data directory is gone
/// (issue 9, item 2).
/// </summary>
public sealed class PendingUploadTests : IAsyncLifetime
{
    private const string Contacts = "name,email\nAda Lovelace,ada@example.com\nGrace Hopper,grace@example.org\n";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "strata-pending-" + Guid.NewGuid().ToString("N"));
    private readonly List<IStrataStore> _stores = [];
    private string? _postgres;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task BytesRefusedInOneProcessAreUploadedByAWorkerInAnotherAfterTheFirstDataDirectoryIsGone(string backend)
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var blobRoot = Path.Combine(_root, "bucket"); // the blob store both processes use, like one S3 bucket
        var refusing = new FlakyBlobStore(new FileBlobStore(blobRoot)) { Failing = true };
        var a = await OpenAsync(backend, "a", refusing, clock);
        var b = await OpenAsync(backend, "b", new FileBlobStore(blobRoot), clock);
        var user = (await a.Users.EnsureAsync("alice", None)).Id;
        var large = new byte[(int)(2.5 * PendingBytes.ChunkSize)];
        new Random(7).NextBytes(large);

        var contacts = await a.Ingest.IngestAsync(user, new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(Contacts)), "contacts.csv", null, "contact"), None);
        var binary = await a.Ingest.IngestAsync(user, new IngestRequest(new MemoryStream(large), "large.bin", "application/octet-stream", Interpret: false), None);
        Assert.Equal(StorageStatuses.Pending, contacts.StorageStatus);
        Assert.Equal(StorageStatuses.Pending, binary.StorageStatus);
        Directory.Delete(Path.Combine(_root, "a"), recursive: true); // the accepting machine is gone

        clock.Advance(a.Options.Worker.UploadRetryDelays[0]);
        await b.Jobs.DrainAsync("worker-b", None);
        clock.Advance(b.Options.Worker.UploadWaitPoll);
        await b.Jobs.DrainAsync("worker-b", None);

        Assert.Equal(StorageStatuses.Uploaded, (await b.Sources.GetSourceAsync(user, contacts.SourceId, None)).StorageStatus);
        Assert.Equal(StorageStatuses.Uploaded, (await b.Sources.GetSourceAsync(user, binary.SourceId, None)).StorageStatus);
        Assert.Equal(large, await File.ReadAllBytesAsync(Path.Combine(blobRoot, BlobKeys.For(user, binary.ContentHash))));
        Assert.Equal(Contacts, await File.ReadAllTextAsync(Path.Combine(blobRoot, BlobKeys.For(user, contacts.ContentHash))));
        var run = Assert.Single((await b.Sources.ListRunsAsync(user, contacts.SourceId, new Paging(), None)).Runs);
        Assert.Equal("completed", run.Status);
        Assert.Equal(2, (await b.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(0, await PendingRowsAsync(backend)); // deleted once uploaded
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task PastTheCapsAnUploadTheBlobStoreRefusesIsRefusedWithBlobStoreUnavailableAndKeepsNothing(string backend)
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var refusing = new FlakyBlobStore(new FileBlobStore(Path.Combine(_root, "bucket"))) { Failing = true };
        var limits = new PendingUploadLimits { MaxBytesPerUser = 100, MaxBytes = 150 };
        var strata = await OpenAsync(backend, "a", refusing, clock, limits);
        var alice = (await strata.Users.EnsureAsync("alice", None)).Id;
        var bob = (await strata.Users.EnsureAsync("bob", None)).Id;
        var carol = (await strata.Users.EnsureAsync("carol", None)).Id;

        Task<IngestResult> Ingest(string user, int seed) => strata.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes($"{seed:D3}".PadRight(60, 'x'))), $"{seed}.txt"), None);

        Assert.Equal(StorageStatuses.Pending, (await Ingest(alice, 1)).StorageStatus);
        var overUser = await Assert.ThrowsAsync<StrataException>(() => Ingest(alice, 2)); // 120 > 100 for alice
        Assert.Equal(ErrorCodes.BlobStoreUnavailable, overUser.Code);
        Assert.Contains("per user", overUser.Message);
        Assert.Equal(StorageStatuses.Pending, (await Ingest(bob, 3)).StorageStatus);
        var overAll = await Assert.ThrowsAsync<StrataException>(() => Ingest(carol, 4)); // 180 > 150 in all
        Assert.Equal(ErrorCodes.BlobStoreUnavailable, overAll.Code);
        Assert.DoesNotContain("Exception", overAll.Message);

        Assert.Equal(120, await PendingRowsAsync(backend, "SUM(size)"));
        Assert.Equal(1, (await strata.Sources.ListSourcesAsync(alice, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(0, (await strata.Sources.ListSourcesAsync(carol, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(0, (await strata.Usage.GetUsageAsync(carol, None)).BytesStored); // the refusal rolled the quota back too
    }

    private async Task<StrataServices> OpenAsync(string backend, string name, IBlobStore blobs, ManualClock clock, PendingUploadLimits? limits = null)
    {
        IStrataStore store;
        if (backend == Backends.Sqlite)
        {
            store = SqliteStrataStore.Open(Path.Combine(_root, "shared", "strata.db"), clock);
        }
        else
        {
            _postgres ??= await PostgresTestDatabase.CreateAsync();
            store = await PostgresStrataStore.OpenAsync(_postgres, clock, None);
        }
        _stores.Add(store);
        var options = new StrataOptions
        {
            SpoolDirectory = Path.Combine(_root, name, "spool"),
            PendingUploads = limits ?? new PendingUploadLimits(),
        };
        return new StrataServices(store, blobs, [new RulesInterpreter()], options, clock);
    }

    private async Task<long> PendingRowsAsync(string backend, string aggregate = "COUNT(*)")
    {
        var sql = $"SELECT COALESCE({aggregate}, 0) FROM pending_bytes";
        if (backend == Backends.Sqlite)
        {
            await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(_root, "shared", "strata.db")}");
            return await sqlite.ExecuteScalarAsync<long>(sql);
        }
        await using var postgres = new NpgsqlConnection(_postgres);
        return await postgres.ExecuteScalarAsync<long>(sql);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else (store as IDisposable)?.Dispose();
        }
        SqliteConnection.ClearAllPools();
        if (_postgres is not null) await PostgresTestDatabase.DropAsync(_postgres);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
