using Microsoft.Data.Sqlite;
using Strata.Core.Storage;
using Strata.Sqlite.Storage;
using Strata.Storage.Compliance;

namespace Strata.Sqlite.Tests;

/// <summary>A fresh SQLite file in a temp directory per test.</summary>
internal sealed class SqliteDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-sqlite-" + Guid.NewGuid().ToString("N"));

    public IStrataStore Open(TimeProvider clock) => SqliteStrataStore.Open(PathOf("strata.db"), clock);

    public string PathOf(string file) => Path.Combine(_directory, file);

    public Task<IStrataStore> OpenAsync(TimeProvider clock) => Task.FromResult(Open(clock));

    public Task DeleteAsync()
    {
        Delete();
        return Task.CompletedTask;
    }

    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

public sealed class SqliteJobQueueTests : JobQueueCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteUsageTests : UsageCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteEntityLookupTests : EntityLookupCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteRunProgressTests : RunProgressCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteApiKeyTests : ApiKeyCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteListPagingTests : ListPagingCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteDocumentStoreTests : DocumentStoreCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteBatchWriteTests : BatchWriteCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteRunItemEvidenceTests : RunItemEvidenceCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteEntityRemovalTests : EntityRemovalCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteTextQueryTests : TextQueryCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteTimelineTests : TimelineCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteCallSlotTests : CallSlotCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteRelationTests : RelationCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteReadSessionTests : ReadSessionCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteMemorySearchTests : MemorySearchCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

public sealed class SqliteObservationFieldsKeptOnceTests : ObservationFieldsKeptOnceCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}

/// <summary>SQLite offers siblings (a second connection on the first one's WAL snapshot).</summary>
public sealed class SqliteReadSiblingTests : ReadSiblingCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SqliteDatabase _database = new();

    protected override bool OffersSibling => true;

    protected override void EmptyTheLog()
    {
        ((SqliteStrataStore)Store).Checkpoint();
        Assert.Equal(0, new FileInfo(_database.PathOf("strata.db-wal")).Length);
    }

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();

    [Fact]
    public async Task A_session_and_its_sibling_read_on_two_threads_while_commits_land_and_both_keep_one_snapshot()
    {
        var alice = await UserAsync("alice");
        for (var i = 0; i < 5; i++) await InsertProjectAsync(alice, $"prj_{i}", $"Project {i}");

        await using var session = await Store.OpenReadAsync(alice, None);
        Assert.NotNull(await session.Projects.GetAsync("prj_0", None));
        await using var sibling = await session.OpenSiblingAsync(None);
        Assert.NotNull(sibling);

        // One commit lands before either has read again, the others while they read.
        await InsertProjectAsync(alice, "prj_new_0", "New 0");
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var written = 1;
            while (!writing.IsCancellationRequested || written < 5)
            {
                await InsertProjectAsync(alice, $"prj_new_{written}", $"New {written}");
                written++;
            }
            return written;
        });
        async Task<int> ReadAsync(Strata.Core.Storage.IStoreReader reader) => await Task.Run(async () =>
        {
            var seenNew = 0;
            for (var round = 0; round < 200; round++)
            {
                if (await reader.Projects.GetAsync($"prj_{round % 5}", None) is null) throw new InvalidOperationException("a project of the snapshot is gone");
                if (await reader.Projects.GetAsync($"prj_new_{round % 5}", None) is not null) seenNew++;
            }
            return seenNew;
        });
        var reads = await Task.WhenAll(ReadAsync(session), ReadAsync(sibling));
        await writing.CancelAsync();
        var written = await writer;

        Assert.Equal([0, 0], reads);
        Assert.True(written >= 5);
        await using var fresh = await Store.OpenReadAsync(alice, None);
        Assert.NotNull(await fresh.Projects.GetAsync("prj_new_4", None));
    }

    /// <summary>A store just opened has read no write-ahead log, so SQLite gives no snapshot of it until a commit: the
    /// sibling is given only when no commit came between the session's first read and the sibling's.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_a_store_just_opened_a_sibling_is_given_only_when_no_commit_came_between(bool commitBetween)
    {
        var alice = await UserAsync("alice");
        await InsertProjectAsync(alice, "prj_before", "Before");
        ((SqliteStrataStore)Store).Dispose(); // closed: the log folded in, its files gone
        using var reopened = SqliteStrataStore.Open(_database.PathOf("strata.db"), Clock);

        await using var session = await reopened.OpenReadAsync(alice, None);
        Assert.NotNull(await session.Projects.GetAsync("prj_before", None));
        if (commitBetween) await InsertAsync(reopened, alice, "prj_between");
        await using var sibling = await session.OpenSiblingAsync(None);
        await InsertAsync(reopened, alice, "prj_after");

        if (commitBetween)
        {
            Assert.Null(sibling);
        }
        else
        {
            Assert.NotNull(sibling);
            Assert.NotNull(await sibling.Projects.GetAsync("prj_before", None));
            Assert.Null(await sibling.Projects.GetAsync("prj_after", None));
        }
        Assert.Null(await session.Projects.GetAsync("prj_between", None));
        Assert.Null(await session.Projects.GetAsync("prj_after", None));
    }

    /// <summary>A checkpoint that empties the log waits for every reader of it to end, holding the locks a new reader
    /// takes; a session asking for its sibling then must not wait for the checkpoint, which waits for the session (each
    /// would have waited out the busy timeout: 30 s measured before the sibling's read was made not to wait).</summary>
    [Fact]
    public async Task A_sibling_asked_for_while_a_checkpoint_waits_for_the_session_does_not_wait_for_the_checkpoint()
    {
        var alice = await UserAsync("alice");
        await InsertProjectAsync(alice, "prj_before", "Before");
        var session = await Store.OpenReadAsync(alice, None);
        Task checkpoint;
        try
        {
            Assert.NotNull(await session.Projects.GetAsync("prj_before", None));
            await InsertProjectAsync(alice, "prj_after", "After"); // the log holds a commit the session does not read
            checkpoint = Task.Run(((SqliteStrataStore)Store).Checkpoint);
            await Task.Delay(300); // the checkpoint is waiting for the session by now (on a slow machine, perhaps not yet)

            await using var sibling = await session.OpenSiblingAsync(None);
            Assert.False(checkpoint.IsCompleted); // it still waits for the session: the sibling did not wait for it
            if (sibling is not null) Assert.Null(await sibling.Projects.GetAsync("prj_after", None));
        }
        finally
        {
            await session.DisposeAsync();
        }
        await checkpoint;
    }

    private async Task InsertAsync(IStrataStore store, string user, string id)
    {
        var now = Clock.GetUtcNow();
        await using var write = await store.OpenWriteAsync(user, None);
        Assert.True(await write.Projects.InsertAsync(new Strata.Core.Documents.Project(id, user, id, now, now), None));
        await write.CommitAsync(None);
    }
}
