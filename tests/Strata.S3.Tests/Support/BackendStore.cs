using Strata.Core.Storage;
using Strata.Postgres.Storage;
using Strata.Sqlite.Storage;
using Strata.Storage.Compliance;

namespace Strata.S3.Tests.Support;

/// <summary>A store on the named backend ("sqlite": a file in <c>dataPath</c>; "postgres": a throwaway database), closed
/// and its database dropped on dispose: the S3 tests that run a whole service over both databases open theirs here.</summary>
public sealed class BackendStore : IAsyncDisposable
{
    private readonly string? _database;

    private BackendStore(IStrataStore store, string? database)
    {
        Store = store;
        _database = database;
    }

    public IStrataStore Store { get; }

    public static async Task<BackendStore> OpenAsync(string backend, string dataPath, TimeProvider clock)
    {
        if (backend == "sqlite") return new BackendStore(SqliteStrataStore.Open(Path.Combine(dataPath, "strata.db"), clock), null);
        var database = await PostgresTestDatabase.CreateAsync();
        return new BackendStore(await PostgresStrataStore.OpenAsync(database, clock, CancellationToken.None), database);
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable asyncStore) await asyncStore.DisposeAsync();
        else (Store as IDisposable)?.Dispose();
        if (_database is not null) await PostgresTestDatabase.DropAsync(_database);
    }
}
