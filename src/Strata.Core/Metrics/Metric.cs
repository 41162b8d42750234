namespace Strata.Core.Metrics;

/// <summary>One named metric family: its series are keyed by label values in the order of <see cref="LabelNames"/>.</summary>
public abstract class Metric(string name, string help, string type, IReadOnlyList<string> labelNames)
{
    public string Name { get; } = name;

    public string Help { get; } = help;

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>, as the Prometheus text format names them.</summary>
    public string Type { get; } = type;

    public IReadOnlyList<string> LabelNames { get; } = labelNames;

    /// <summary>The current samples: (suffix, labels, value), e.g. ("_bucket", [("le","0.5")], 3).</summary>
    public abstract IReadOnlyList<Sample> Collect();

    protected string[] Check(string[] labelValues)
    {
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException($"{Name} takes {LabelNames.Count} label values ({string.Join(", ", LabelNames)}), not {labelValues.Length}.");
        }
        return labelValues;
    }

    protected IReadOnlyList<KeyValuePair<string, string>> Labels(IReadOnlyList<string> values) =>
        LabelNames.Select((n, i) => KeyValuePair.Create(n, values[i])).ToList();
}

public sealed record Sample(string Suffix, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
