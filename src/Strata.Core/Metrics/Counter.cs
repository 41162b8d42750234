namespace Strata.Core.Metrics;

/// <summary>A value that only goes up (per process; a restart starts again at zero, which Prometheus expects).</summary>
public sealed class Counter(string name, string help, IReadOnlyList<string> labelNames)
    : Metric(name, help, "counter", labelNames)
{
    private readonly Dictionary<string, (string[] Labels, double Value)> _series = new(StringComparer.Ordinal);

    public void Inc(params string[] labelValues) => Add(1, labelValues);

    public void Add(double amount, params string[] labelValues)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), "A counter never goes down.");
        Check(labelValues);
        var key = string.Join('\u001f', labelValues);
        lock (_series)
        {
            _series[key] = (labelValues, (_series.TryGetValue(key, out var current) ? current.Value : 0) + amount);
        }
    }

    public double Value(params string[] labelValues)
    {
        lock (_series) return _series.TryGetValue(string.Join('\u001f', Check(labelValues)), out var current) ? current.Value : 0;
    }

    public override IReadOnlyList<Sample> Collect()
    {
        lock (_series)
        {
            if (_series.Count == 0 && LabelNames.Count == 0) return [new Sample("", [], 0)];
            return _series.Values.OrderBy(s => string.Join('\u001f', s.Labels), StringComparer.Ordinal)
                .Select(s => new Sample("", Labels(s.Labels), s.Value)).ToList();
        }
    }
}
