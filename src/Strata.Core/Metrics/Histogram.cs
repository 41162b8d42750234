using System.Globalization;

namespace Strata.Core.Metrics;

/// <summary>Observations counted into cumulative buckets, with their sum and count.</summary>
public sealed class Histogram : Metric
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _count;

    public Histogram(string name, string help, IReadOnlyList<double> bounds) : base(name, help, "histogram", [])
    {
        _bounds = bounds.Order().ToArray();
        _counts = new long[_bounds.Length];
    }

    public long Count
    {
        get { lock (_counts) return _count; }
    }

    public void Observe(double value)
    {
        lock (_counts)
        {
            for (var i = 0; i < _bounds.Length; i++)
            {
                if (value <= _bounds[i]) _counts[i]++;
            }
            _sum += value;
            _count++;
        }
    }

    public override IReadOnlyList<Sample> Collect()
    {
        lock (_counts)
        {
            var samples = _bounds.Select((bound, i) => new Sample("_bucket", [KeyValuePair.Create("le", bound.ToString(CultureInfo.InvariantCulture))], _counts[i])).ToList();
            samples.Add(new Sample("_bucket", [KeyValuePair.Create("le", "+Inf")], _count));
            samples.Add(new Sample("_sum", [], _sum));
            samples.Add(new Sample("_count", [], _count));
            return samples;
        }
    }
}
