using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Isolation;

/// <summary>One <see cref="AliceWorld"/> for all the rows of a matrix class (an xunit class fixture): building it takes a full
/// chat pass through the fake model, and no row may change it — which each row proves before the next one starts.</summary>
public abstract class SharedAliceWorld : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    public AliceWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await AliceWorld.CreateAsync(Backend);

    public Task DisposeAsync() => World.DisposeAsync().AsTask();
}

public sealed class AliceWorldOnSqlite : SharedAliceWorld
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class AliceWorldOnPostgres : SharedAliceWorld
{
    protected override Backend Backend => Backend.Postgres;
}
