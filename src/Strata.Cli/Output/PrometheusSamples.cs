using System.Globalization;
using System.Text.RegularExpressions;

namespace Strata.Cli.Output;

/// <summary>Reads the sample lines of the Prometheus text format (<c>name{label="value",...} 1.5</c>); comments are skipped.</summary>
internal static partial class PrometheusSamples
{
    public static MetricsResult Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#')) continue;
            var match = Sample().Match(line);
            if (!match.Success) continue;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["key"].Value] = Regex.Unescape(label.Groups["value"].Value);
            }
            samples.Add(new MetricSample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value)));
        }
        return new MetricsResult(samples);
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex Label();
}
