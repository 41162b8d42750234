using System.Net;
using Microsoft.Data.Sqlite;
using Strata.Server.Tests.Infrastructure;
using Strata.Sqlite.Storage;

namespace Strata.Server.Tests.Rest;

/// <summary>A write that cannot get the database in time is 503 STORE_BUSY with Retry-After, not a 500, and /health
/// keeps answering. SQLite only, and on purpose: STORE_BUSY is SQLite's answer to another process holding the one
/// database-wide write lock; PostgreSQL locks rows, so a writer there waits for the row it needs instead (its concurrent
/// writes are proven by the storage compliance suite and the isolation matrix on PostgreSQL).</summary>
public sealed class StoreBusyTests
{
    [Fact]
    public async Task A_write_while_another_process_holds_the_database_is_503_STORE_BUSY_with_Retry_After()
    {
        await using var server = await RunningServer.StartAsync(worker: false,
            settings: new Dictionary<string, string?> { ["Limits:BusyTimeout"] = "1" });
        using var client = server.Client(await server.CreateUserAsync("alice"));
        var path = ((SqliteStrataStore)server.Services.Store).DatabasePath;

        await using (var holder = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var hold = holder.BeginTransaction(deferred: false); // as a long write in another process would

            var refused = await client.PostAsync("/v1/entities", HttpTesting.JsonBody("""{"entities": [{"entity_type": "task", "title": "t"}]}"""));

            Assert.Equal("STORE_BUSY", await refused.ProblemCodeAsync(HttpStatusCode.ServiceUnavailable));
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        }

        var retried = await client.PostAsync("/v1/entities", HttpTesting.JsonBody("""{"entities": [{"entity_type": "task", "title": "t"}]}"""));
        Assert.True(retried.IsSuccessStatusCode, await retried.Content.ReadAsStringAsync());
    }
}
