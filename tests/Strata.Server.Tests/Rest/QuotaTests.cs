using System.Globalization;
using System.Net;
using Strata.Core.Usage;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

/// <summary>The plans' limits at the HTTP edge: refusals with their documented status, code and message, and nothing stored.</summary>
public abstract class QuotaTests
{
    protected abstract Backend Backend { get; }

    private const string Turing = "name,email\nAlan Turing,alan@example.com\n";

    [Fact]
    public async Task An_ingest_over_the_interpretation_quota_is_429_with_the_code_the_numbers_and_Retry_After_and_stores_nothing()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false,
            settings: new Dictionary<string, string?> { ["Plans:free:InterpretationsPerMonth"] = "1" });
        using var client = server.Client(await server.CreateUserAsync("alice"));
        await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact")).JsonAsync(HttpStatusCode.Created);

        using var refused = await client.UploadAsync(Turing, "filename=turing.csv&entity_type=contact");
        var detail = Samples.Json(await refused.Content.ReadAsStringAsync()).GetProperty("detail").GetString();

        Assert.Equal("INTERPRETATION_QUOTA_EXCEEDED", await refused.ProblemCodeAsync(HttpStatusCode.TooManyRequests));
        Assert.Contains("free plan", detail);
        Assert.Contains("1 of 1 interpretations", detail);
        var usage = await (await client.GetAsync("/v1/usage")).JsonAsync();
        var resetsAt = usage.GetProperty("resets_at").GetDateTimeOffset();
        Assert.Contains(resetsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), detail);
        Assert.Equal(resetsAt, refused.Headers.RetryAfter?.Date);
        Assert.Equal(1, (await (await client.GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(1, usage.GetProperty("interpretations_this_month").GetInt32());
    }

    [Fact]
    public async Task An_ingest_over_the_storage_quota_is_403_with_the_code_and_stores_nothing()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false,
            settings: new Dictionary<string, string?> { ["Plans:free:StorageBytes"] = "100" });
        using var client = server.Client(await server.CreateUserAsync("alice"));

        using var refused = await client.UploadAsync(Samples.PeopleCsv + Samples.PeopleCsv, "filename=people.csv&entity_type=contact");
        var detail = Samples.Json(await refused.Content.ReadAsStringAsync()).GetProperty("detail").GetString();

        Assert.Equal("STORAGE_QUOTA_EXCEEDED", await refused.ProblemCodeAsync(HttpStatusCode.Forbidden));
        Assert.Contains("Storage quota exceeded on the free plan", detail);
        Assert.Null(refused.Headers.RetryAfter);
        Assert.Equal(0, (await (await client.GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, (await (await client.GetAsync("/v1/usage")).JsonAsync()).GetProperty("bytes_stored").GetInt64());
    }

    [Fact]
    public async Task Over_MCP_a_spent_quota_is_a_tool_error_with_the_same_code()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false,
            settings: new Dictionary<string, string?> { ["Plans:free:InterpretationsPerMonth"] = "0" });
        await using var client = await McpConnections.OverHttpAsync(server, await server.CreateUserAsync("alice"));

        var result = await client.CallAsync("ingest", $$"""{"content_base64":"{{Samples.Base64(Turing)}}","filename":"turing.csv"}""");

        Assert.True(result.IsError);
        Assert.Equal("INTERPRETATION_QUOTA_EXCEEDED", result.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Equal(0, (await client.CallAsync("list_sources", """{"include_total":true}""")).Structured().GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Usage_counts_what_was_stored_and_interpreted_against_the_plans_limits()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false,
            settings: new Dictionary<string, string?> { ["Plans:free:InterpretationsPerMonth"] = "5" });
        using var client = server.Client(await server.CreateUserAsync("alice"));
        var upload = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact")).JsonAsync(HttpStatusCode.Created);
        // The same bytes again: deduplicated, so neither stored nor interpreted a second time.
        await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact")).JsonAsync(HttpStatusCode.OK);

        var usage = await (await client.GetAsync("/v1/usage")).JsonAsync();

        Assert.Equal("free", usage.GetProperty("plan").GetString());
        Assert.Equal(StorageCost.Of(upload.GetProperty("byte_size").GetInt64()), usage.GetProperty("bytes_stored").GetInt64());
        Assert.Equal(1L << 30, usage.GetProperty("storage_limit_bytes").GetInt64());
        Assert.Equal(1, usage.GetProperty("interpretations_this_month").GetInt32());
        Assert.Equal(5, usage.GetProperty("interpretations_limit").GetInt32());
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture), usage.GetProperty("billing_month").GetString());
    }
}

public sealed class QuotaTestsOnSqlite : QuotaTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class QuotaTestsOnPostgres : QuotaTests
{
    protected override Backend Backend => Backend.Postgres;
}
