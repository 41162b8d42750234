using Strata.Core.Metrics;

namespace Strata.Core.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Fact]
    public void ThePrometheusRendererEscapesLabelsAndWritesHistogramsCumulatively()
    {
        var registry = new MetricsRegistry();
        var counter = registry.Counter("demo_total", "A demo.\nSecond line.", "path");
        var histogram = registry.Histogram("demo_seconds", "Latency.", [0.5, 1]);
        counter.Inc("a\"b\\c");
        histogram.Observe(0.25);
        histogram.Observe(0.75);
        histogram.Observe(3);

        var text = PrometheusText.Render(registry);

        Assert.Equal("""
            # HELP demo_total A demo.\nSecond line.
            # TYPE demo_total counter
            demo_total{path="a\"b\\c"} 1
            # HELP demo_seconds Latency.
            # TYPE demo_seconds histogram
            demo_seconds_bucket{le="0.5"} 1
            demo_seconds_bucket{le="1"} 2
            demo_seconds_bucket{le="+Inf"} 3
            demo_seconds_sum 4
            demo_seconds_count 3

            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void AGaugeReplacedByFewerSeriesDropsTheOnesThatWentAway()
    {
        var registry = new MetricsRegistry();
        var gauge = registry.Gauge("demo_jobs", "Jobs.", "state");
        gauge.Replace([(["available"], 3), (["running"], 1)]);
        gauge.Replace([(["available"], 2)]);

        Assert.Equal("# HELP demo_jobs Jobs.\n# TYPE demo_jobs gauge\ndemo_jobs{state=\"available\"} 2\n", PrometheusText.Render(registry));
    }

    [Fact]
    public void ACounterRefusesToGoDownAndWrongLabelCounts()
    {
        var counter = new MetricsRegistry().Counter("demo_total", "Demo.", "kind");

        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(-1, "a"));
        Assert.Throws<ArgumentException>(() => counter.Inc("a", "b"));
    }
}
