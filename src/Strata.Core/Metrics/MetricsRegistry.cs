namespace Strata.Core.Metrics;

/// <summary>The metrics of one process, in registration order.</summary>
public sealed class MetricsRegistry
{
    private readonly List<Metric> _metrics = [];

    public IReadOnlyList<Metric> All
    {
        get { lock (_metrics) return _metrics.ToList(); }
    }

    public Counter Counter(string name, string help, params string[] labelNames) => Add(new Counter(name, help, labelNames));

    public Gauge Gauge(string name, string help, params string[] labelNames) => Add(new Gauge(name, help, labelNames));

    public Histogram Histogram(string name, string help, IReadOnlyList<double> bounds) => Add(new Histogram(name, help, bounds));

    private T Add<T>(T metric) where T : Metric
    {
        lock (_metrics)
        {
            if (_metrics.Any(m => m.Name == metric.Name)) throw new InvalidOperationException($"A metric named {metric.Name} is already registered.");
            _metrics.Add(metric);
        }
        return metric;
    }
}
