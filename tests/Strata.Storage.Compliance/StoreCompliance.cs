using Strata.Core.Storage;
using Strata.Core.Users;

namespace Strata.Storage.Compliance;

/// <summary>What every compliance suite needs from an adapter: a fresh, empty, migrated database per test.</summary>
public abstract class StoreCompliance : IAsyncLifetime
{
    protected ManualClock Clock { get; } = new(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected IStrataStore Store { get; private set; } = null!;

    /// <summary>Opens a new empty database whose "now" is <paramref name="clock"/>.</summary>
    protected abstract Task<IStrataStore> CreateStoreAsync(TimeProvider clock);

    /// <summary>Drops what <see cref="CreateStoreAsync"/> made.</summary>
    protected abstract Task DestroyStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync(Clock);

    public Task DisposeAsync() => DestroyStoreAsync();

    protected async Task<string> UserAsync(string name, string plan = Plans.Free)
    {
        var user = new User("usr_" + name, name, plan, Clock.GetUtcNow(), false);
        await Store.Users.InsertAsync(user, null, CancellationToken.None);
        return user.Id;
    }
}
