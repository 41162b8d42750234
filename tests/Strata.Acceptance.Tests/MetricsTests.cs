using System.Globalization;
using System.Text.RegularExpressions;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Metrics;
using Strata.Core.Usage;

namespace Strata.Acceptance.Tests;

public sealed partial class MetricsTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AfterTheOperationalFlowsEveryMetricIsNonZeroInThePrometheusText(string backend)
    {
        // Room for the six small sources below (StorageCost's per-source charge each, and 4 KiB of payload), not for big.txt.
        _strata = new TestStrata(configurationJson: """{"Plans": {"free": {"InterpretationsPerMonth": 4, "StorageBytes": """ + (6 * StorageCost.PerSourceBytes + 4096) + """}}}""", backend: backend);
        var user = await _strata.UserAsync("alice");
        var before = Parse(await _strata.Services.RenderMetricsAsync(None));

        await _strata.IngestTextAsync(user, "people.csv", "name,email,shoe_size\nAda Lovelace,ada@example.com,38\n", type: "contact");
        await Assert.ThrowsAsync<StrataException>(() => _strata.IngestTextAsync(user, "broken.json", "[{"));
        _strata.Blobs.Failing = true;
        await _strata.IngestTextAsync(user, "later.md", "# Later\n\nuploaded on retry\n");
        _strata.Blobs.Failing = false;
        _strata.Clock.Advance(TimeSpan.FromSeconds(30));
        await _strata.RunDueJobsAsync();
        var hung = (await _strata.IngestTextAsync(user, "hung.md", "# Hung\n\nnever finishes\n", wait: false)).Interpretation.RunId!;
        _strata.Execute("UPDATE runs SET status = 'running', heartbeat_at = '2024-03-01T08:00:00.0000000Z' WHERE id = @hung", new { hung });
        _strata.Execute("UPDATE jobs SET state = 'failed' WHERE subject = @hung", new { hung }); // its attempts are spent
        await _strata.Services.Maintenance.TimeOutStaleRunsAsync(None);
        await Assert.ThrowsAsync<StrataException>(() => _strata.IngestTextAsync(user, "fifth.md", "# Fifth\n\none too many\n"));
        await Assert.ThrowsAsync<StrataException>(() => _strata.IngestTextAsync(user, "big.txt", new string('x', (int)(3 * StorageCost.PerSourceBytes)), interpret: false));
        var stored = await _strata.StoreAsync(user, """[{"entity_type": "company", "name": "Analytical Engines"}, {"entity_type": "company", "name": "Analytical Engine"}]""");
        await _strata.Services.Duplicates.ScanAsync(user, None);
        await _strata.Services.Merges.MergeAsync(user, stored.Entities[1].EntityId, stored.Entities[0].EntityId, null, None);
        await _strata.StoreAsync(user, """[{"entity_type": "company", "name": "Babbage Sons"}, {"entity_type": "company", "name": "Babbage Son"}]""");
        await _strata.Services.Duplicates.ScanAsync(user, None);

        var text = await _strata.Services.RenderMetricsAsync(None);
        var after = Parse(text);

        foreach (var series in new[]
        {
            "strata_uploads_total{result=\"success\"}", "strata_uploads_total{result=\"failure\"}",
            "strata_interpretation_duration_seconds_count", "strata_interpretation_duration_seconds_bucket{le=\"+Inf\"}",
            "strata_interpretations_total{outcome=\"completed\"}", "strata_interpretations_total{outcome=\"failed\"}",
            "strata_interpretations_total{outcome=\"timeout\"}", "strata_unknown_fields_total",
            "strata_quota_rejections_total{kind=\"storage\"}", "strata_quota_rejections_total{kind=\"interpretation\"}",
            "strata_storage_bytes", "strata_potential_duplicates", "strata_merges_total",
            "strata_jobs{kind=\"interpret\",state=\"completed\"}", "strata_jobs{kind=\"upload\",state=\"completed\"}",
            "strata_runs{status=\"completed\"}",
        })
        {
            Assert.True(after.TryGetValue(series, out var value) && value > 0, $"{series} should be above zero in:\n{text}");
            Assert.True(!before.TryGetValue(series, out var start) || start == 0, $"{series} was already non-zero before the flows");
        }
        Assert.Contains("# TYPE strata_interpretation_duration_seconds histogram\n", text);
        Assert.Contains("# TYPE strata_jobs gauge\n", text);
        Assert.Contains("# HELP strata_uploads_total ", text);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task HealthReportsTheDatabaseAndTheBlobStoreAndSaysWhenTheStoreIsDown(string backend)
    {
        _strata = new TestStrata(configurationJson: """{"Plans": {"free": {"InterpretationsPerMonth": 4, "StorageBytes": 4096}}}""", backend: backend);
        var healthy = await _strata.Services.Health.CheckAsync(None);
        _strata.Blobs.Failing = true;
        var failing = await _strata.Services.Health.CheckAsync(None);

        Assert.Equal("ok", healthy.Status);
        Assert.Equal(["database", "blob_store", "workers"], healthy.Checks.Select(c => c.Name));
        Assert.Equal("down", failing.Status);
        Assert.Equal("down", failing.Checks.Single(c => c.Name == "blob_store").Status);
        Assert.Contains("unavailable", failing.Checks.Single(c => c.Name == "blob_store").Detail);
        Assert.Equal("ok", failing.Checks.Single(c => c.Name == "database").Status);
        Assert.Equal(0, _strata.Counts()["spool"]);
    }

    /// <summary>Series name (with labels) to value, from the text format.</summary>
    private static Dictionary<string, double> Parse(string text) =>
        SampleLine().Matches(text).ToDictionary(m => m.Groups[1].Value,
            m => double.Parse(m.Groups[2].Value.Replace("+Inf", "Infinity"), CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^([a-z_]+(?:\{[^}]*\})?) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    public void Dispose() => _strata?.Dispose();
}
