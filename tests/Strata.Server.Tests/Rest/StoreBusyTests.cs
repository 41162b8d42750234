using System.Net;
using Microsoft.Data.Sqlite;
using Strata.Server.Tests.Infrastructure;
using Strata.Sqlite.Storage;

namespace Strata.Server.Tests.Rest;

/// <summary>A write that cannot get the database in time is 503 STORE_BUSY with Retry-After, not a 500: on SQLite when
/// another process holds the one database-wide write lock past the busy timeout, on PostgreSQL when another writer holds
/// the row it needs past the lock timeout (both <c>Limits:BusyTimeout</c>).</summary>
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

    [Fact]
    public async Task A_write_waiting_on_PostgreSQL_for_a_row_another_writer_holds_is_503_STORE_BUSY_and_writes_once_it_is_free()
    {
        await using var server = await RunningServer.StartAsync(worker: false, backend: Backend.Postgres,
            settings: new Dictionary<string, string?> { ["Limits:BusyTimeout"] = "1" });
        var alice = await server.Services.Users.CreateAsync("alice", null, CancellationToken.None);
        using var client = server.Client(alice.ApiKey);
        var ada = """{"entities": [{"entity_type": "contact", "name": "Ada Lovelace", "email": "ada@example.com"}]}""";
        var created = await client.PostAsync("/v1/entities", HttpTesting.JsonBody(ada));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var adaId = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement
            .GetProperty("entities")[0].GetProperty("entity_id").GetString()!;
        var update = """{"entities": [{"entity_type": "contact", "email": "ada@example.com", "title": "Countess"}]}""";

        // Another writer (a session of its own, as a merge or delete of Ada holds it) keeps Ada's row locked.
        await using (var holder = await server.Services.Store.OpenWriteAsync(alice.UserId, CancellationToken.None))
        {
            await holder.Entities.LockForRemovalAsync([adaId], CancellationToken.None);

            var refused = await client.PostAsync("/v1/entities", HttpTesting.JsonBody(update));

            Assert.Equal("STORE_BUSY", await refused.ProblemCodeAsync(HttpStatusCode.ServiceUnavailable));
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        }

        var retried = await client.PostAsync("/v1/entities", HttpTesting.JsonBody(update));
        Assert.True(retried.IsSuccessStatusCode, await retried.Content.ReadAsStringAsync());
        var snapshot = await client.GetStringAsync($"/v1/entities/{adaId}");
        Assert.Contains("Countess", snapshot, StringComparison.Ordinal);
    }
}
