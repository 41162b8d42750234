using Strata.Core.Storage;
using Strata.Postgres.Storage;
using Strata.Storage.Compliance;

namespace Strata.Postgres.Tests;

/// <summary>A fresh PostgreSQL database per test, dropped afterwards.</summary>
internal sealed class PostgresDatabase
{
    private string? _connectionString;
    private PostgresStrataStore? _store;

    /// <param name="options">Server settings for every session (Npgsql's <c>Options</c>, as <c>-c name=value</c>).</param>
    public async Task<IStrataStore> OpenAsync(TimeProvider clock, string? options = null)
    {
        _connectionString = await PostgresTestDatabase.CreateAsync();
        var connection = options is null
            ? _connectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.From(_connectionString)) { Options = options }.ConnectionString;
        return _store = await PostgresStrataStore.OpenAsync(connection, clock, CancellationToken.None);
    }

    public async Task DropAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        if (_connectionString is not null) await PostgresTestDatabase.DropAsync(_connectionString);
    }
}

public sealed class PostgresJobQueueTests : JobQueueCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresUsageTests : UsageCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresEntityLookupTests : EntityLookupCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresRunProgressTests : RunProgressCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresApiKeyTests : ApiKeyCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresListPagingTests : ListPagingCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresDocumentStoreTests : DocumentStoreCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresBatchWriteTests : BatchWriteCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresRunItemEvidenceTests : RunItemEvidenceCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresEntityRemovalTests : EntityRemovalCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresTextQueryTests : TextQueryCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

/// <summary>The text query contract again with sequential scans priced out, so that the planner answers from the trigram
/// index of migration 0395 even on a few rows: its condition must never leave out a match.</summary>
public sealed class PostgresIndexedTextQueryTests : TextQueryCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock, "-c enable_seqscan=off");

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresTimelineTests : TimelineCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresCallSlotTests : CallSlotCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresRelationTests : RelationCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresReadSessionTests : ReadSessionCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresMemorySearchTests : MemorySearchCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

public sealed class PostgresObservationFieldsKeptOnceTests : ObservationFieldsKeptOnceCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}

/// <summary>PostgreSQL offers no sibling: recall's layers read in turn on one session there.</summary>
public sealed class PostgresReadSiblingTests : ReadSiblingCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override bool OffersSibling => false;

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}
