using System.Globalization;

namespace Strata.Server.Tests.Monitoring;

/// <summary>A scrape of /metrics read the way Prometheus reads it: one sample per line, name{labels} value.</summary>
public sealed class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The value of the sample written exactly as <paramref name="series"/> (e.g. <c>strata_runs{status="completed"}</c>).</summary>
    public double Value(string series)
    {
        var line = Text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No sample {series} in the scrape:\n{Text}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public string? TypeOf(string metric) =>
        Text.Split('\n').SingleOrDefault(l => l.StartsWith($"# TYPE {metric} ", StringComparison.Ordinal))?[$"# TYPE {metric} ".Length..];
}
