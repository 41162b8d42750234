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
