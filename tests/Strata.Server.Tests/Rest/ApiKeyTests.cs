using System.Net;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

public abstract class ApiKeyTests
{
    protected abstract Backend Backend { get; }

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_user_made_implicitly_can_get_a_key_and_a_revoked_key_is_refused_from_the_next_request_on()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        await server.Services.Users.EnsureAsync("dave", None); // as `strata --user dave ...` makes him
        var laptop = await server.Services.Users.CreateKeyAsync("dave", "laptop", None);
        var desktop = await server.Services.Users.CreateKeyAsync("dave", "desktop", None);
        using var withLaptop = server.Client(laptop.ApiKey);
        using var withDesktop = server.Client(desktop.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await withLaptop.GetAsync("/v1/sources?include_total=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withDesktop.GetAsync("/v1/sources?include_total=true")).StatusCode);

        await server.Services.Users.RevokeKeyAsync("dave", laptop.KeyId, None);

        Assert.Equal("UNAUTHORIZED", await (await withLaptop.GetAsync("/v1/sources?include_total=true")).ProblemCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await withDesktop.GetAsync("/v1/sources?include_total=true")).StatusCode);
        var keys = await server.Services.Users.ListKeysAsync("dave", None);
        Assert.Equal([false, true], keys.Keys.Select(k => k.Active));
        Assert.All(keys.Keys, k => Assert.NotNull(k.LastUsedAt));
    }
}

public sealed class ApiKeyTestsOnSqlite : ApiKeyTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class ApiKeyTestsOnPostgres : ApiKeyTests
{
    protected override Backend Backend => Backend.Postgres;
}
