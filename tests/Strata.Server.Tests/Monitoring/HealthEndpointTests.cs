using System.Net;
using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Monitoring;

/// <summary>/health reports the database, the blob store and the worker loops, and says 503 when something is down.</summary>
public abstract class HealthEndpointTests
{
    protected abstract Backend Backend { get; }

    [Fact]
    public async Task A_healthy_server_reports_its_database_blob_store_and_worker_loops()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(apiKey: null);

        var health = await (await client.GetAsync("/health")).JsonAsync();

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(health.GetProperty("version").GetString()));
        Assert.Equal("ok", Check(health, "database").GetProperty("status").GetString());
        Assert.Equal("ok", Check(health, "blob_store").GetProperty("status").GetString());
        var worker = Assert.Single(Checks(health), c => c.GetProperty("name").GetString()!.StartsWith("worker ", StringComparison.Ordinal));
        var loops = worker.GetProperty("detail").GetString();
        Assert.Contains("jobs-1", loops);
        Assert.Contains("scheduler", loops);
        Assert.Contains("rescuer", loops);
    }

    [Fact]
    public async Task A_server_without_workers_says_so()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false);
        using var client = server.Client(apiKey: null);

        var health = await (await client.GetAsync("/health")).JsonAsync();

        Assert.DoesNotContain(Checks(health), c => c.GetProperty("name").GetString()!.StartsWith("worker ", StringComparison.Ordinal));
        Assert.Contains("No worker loops", Check(health, "workers").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_blob_store_that_refuses_writes_is_down_and_the_answer_is_503()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false, wrapBlobStore: blobs => new RefusingBlobStore(blobs));
        using var client = server.Client(apiKey: null);

        var health = await (await client.GetAsync("/health")).JsonAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal("down", health.GetProperty("status").GetString());
        Assert.Equal("down", Check(health, "blob_store").GetProperty("status").GetString());
        Assert.Contains("Read-only file system", Check(health, "blob_store").GetProperty("detail").GetString());
        Assert.Equal("ok", Check(health, "database").GetProperty("status").GetString());
    }

    private static IEnumerable<JsonElement> Checks(JsonElement health) => health.GetProperty("checks").EnumerateArray();

    private static JsonElement Check(JsonElement health, string name) => Assert.Single(Checks(health), c => c.GetProperty("name").GetString() == name);
}

public sealed class HealthEndpointTestsOnSqlite : HealthEndpointTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class HealthEndpointTestsOnPostgres : HealthEndpointTests
{
    protected override Backend Backend => Backend.Postgres;
}
