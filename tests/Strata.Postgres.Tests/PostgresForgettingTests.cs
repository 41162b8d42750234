using Strata.Core.Storage;
using Strata.Storage.Compliance;

namespace Strata.Postgres.Tests;

public sealed class PostgresForgettingTests : ForgettingCompliance
{
    private readonly PostgresDatabase _database = new();

    protected override Task<IStrataStore> CreateStoreAsync(TimeProvider clock) => _database.OpenAsync(clock);

    protected override Task DestroyStoreAsync() => _database.DropAsync();
}
