using Strata.Core.Storage;
using Strata.Storage.Compliance;

namespace Strata.Sqlite.Tests;

public sealed class SqliteForgettingTests : ForgettingCompliance
{
    private readonly SqliteDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DeleteAsync();
}
