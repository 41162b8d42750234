namespace Strata.Core.Metrics;

/// <summary>A value read at scrape time (queue depth, bytes stored); <see cref="Replace"/> swaps every series at once
/// so a series that disappeared (a state with no jobs left) does not linger with a stale value.</summary>
public sealed class Gauge(string name, string help, IReadOnlyList<string> labelNames)
    : Metric(name, help, "gauge", labelNames)
{
    private IReadOnlyList<(string[] Labels, double Value)> _series = [];

    public void Set(double value, params string[] labelValues) => Replace([(Check(labelValues), value)]);

    public void Replace(IEnumerable<(string[] Labels, double Value)> series) =>
        Volatile.Write(ref _series, series.Select(s => (Check(s.Labels), s.Value)).ToList());

    public double Value(params string[] labelValues) =>
        Volatile.Read(ref _series).Where(s => s.Labels.SequenceEqual(labelValues)).Select(s => s.Value).FirstOrDefault();

    public override IReadOnlyList<Sample> Collect() =>
        Volatile.Read(ref _series).Select(s => new Sample("", Labels(s.Labels), s.Value)).ToList();
}
