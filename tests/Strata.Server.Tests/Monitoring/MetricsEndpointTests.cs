using System.Net;
using Strata.Core.Metrics;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Monitoring;

/// <summary>/metrics after real work over HTTP: the documented metric names, with counts that moved.</summary>
public abstract class MetricsEndpointTests
{
    protected abstract Backend Backend { get; }

    [Fact]
    public async Task After_an_ingest_a_quota_rejection_and_a_merge_the_metrics_count_them()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false,
            settings: new Dictionary<string, string?> { ["Plans:free:InterpretationsPerMonth"] = "1" });
        using var client = server.Client(await server.CreateUserAsync("alice"));
        using var anonymous = server.Client(apiKey: null);
        var before = await ScrapeAsync(anonymous);

        var upload = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact")).JsonAsync(HttpStatusCode.Created);
        using var refused = await client.UploadAsync("name\nGrace Hopper\n", "filename=grace.csv&entity_type=contact");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var stored = await (await client.PostAsync("/v1/entities", HttpTesting.JsonBody(
            """{"entities":[{"entity_type":"contact","name":"Ada King","email":"ada.king@example.com"}]}"""))).JsonAsync();
        var ada = (await (await client.GetAsync("/v1/entities?query=Lovelace")).JsonAsync()).GetProperty("entities")[0].GetProperty("entity_id").GetString();
        await (await client.PostAsync("/v1/merges", HttpTesting.JsonBody(
            $$"""{"from_entity_id":"{{stored.GetProperty("entities")[0].GetProperty("entity_id").GetString()}}","to_entity_id":"{{ada}}"}"""))).JsonAsync();
        using var response = await anonymous.GetAsync("/metrics");
        var after = new PrometheusScrape(await response.Content.ReadAsStringAsync());

        Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(0, before.Value("strata_interpretations_total{outcome=\"completed\"}"));
        Assert.Equal(1, after.Value("strata_interpretations_total{outcome=\"completed\"}"));
        Assert.Equal(1, after.Value("strata_interpretation_duration_seconds_count"));
        Assert.Equal(1, after.Value("strata_quota_rejections_total{kind=\"interpretation\"}"));
        Assert.Equal(0, after.Value("strata_quota_rejections_total{kind=\"storage\"}"));
        Assert.Equal(1, after.Value("strata_merges_total"));
        Assert.Equal(1, after.Value("strata_uploads_total{result=\"success\"}"));
        // The ingest's run and the structured write's run.
        Assert.Equal(2, after.Value("strata_runs{status=\"completed\"}"));
        Assert.True(after.Value("strata_storage_bytes") >= upload.GetProperty("byte_size").GetInt64());
        Assert.Equal("counter", after.TypeOf("strata_merges_total"));
        Assert.Equal("histogram", after.TypeOf("strata_interpretation_duration_seconds"));
        Assert.Equal("gauge", after.TypeOf("strata_jobs"));
    }

    private static async Task<PrometheusScrape> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }
}

public sealed class MetricsEndpointTestsOnSqlite : MetricsEndpointTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class MetricsEndpointTestsOnPostgres : MetricsEndpointTests
{
    protected override Backend Backend => Backend.Postgres;
}
