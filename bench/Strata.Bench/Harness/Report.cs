using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Strata.Bench.Harness;

/// <summary>
/// One benchmark's outcome: rows for a person (a table) and one JSON object for a machine. The JSON is printed
/// last, on one line, so a script can take the final line of the output and parse it.
/// </summary>
public sealed class Report(string benchmark, bool quick)
{
    private readonly List<(string Figure, string Value, string Note)> _rows = [];

    public string Benchmark => benchmark;

    public JsonObject Json { get; } = new() { ["benchmark"] = benchmark, ["quick"] = quick };

    /// <summary>Verification failures (not timings): a benchmark that saw wrong behaviour fails the run.</summary>
    public List<string> Failures { get; } = [];

    public Report Row(string figure, string value, string note = "")
    {
        _rows.Add((figure, value, note));
        return this;
    }

    public Report Figure(string key, double value, string figure, string unit, string note = "")
    {
        var rounded = Math.Round(value, value >= 100 ? 0 : 3);
        Json[key] = rounded;
        return Row(figure, $"{rounded.ToString("#,0.###", CultureInfo.InvariantCulture)} {unit}".TrimEnd(), note);
    }

    /// <summary>A ratio with its goal: the table says whether it is met, the JSON carries both.</summary>
    public Report Goal(string key, double value, string figure, string unit, double goal, bool higherIsBetter)
    {
        var met = higherIsBetter ? value >= goal : value <= goal;
        Json[key] = Math.Round(value, 3);
        Json[key + "_goal"] = goal;
        Json[key + "_met"] = met;
        var relation = higherIsBetter ? "≥" : "≤";
        return Row(figure, $"{value.ToString("0.###", CultureInfo.InvariantCulture)} {unit}".TrimEnd(),
            $"goal {relation} {goal.ToString(CultureInfo.InvariantCulture)} {unit}: {(met ? "met" : "NOT met")}".Replace("  ", " "));
    }

    public Report NotMeasured(string key, string figure, string reason)
    {
        Json[key] = null;
        Json[key + "_not_measured"] = reason;
        return Row(figure, "not measured", reason);
    }

    public string Table()
    {
        var figureWidth = Math.Max("figure".Length, _rows.Max(r => r.Figure.Length));
        var valueWidth = Math.Max("value".Length, _rows.Max(r => r.Value.Length));
        var text = new StringBuilder();
        text.AppendLine($"== {benchmark}{(quick ? " (quick)" : "")}");
        text.AppendLine($"{"figure".PadRight(figureWidth)}  {"value".PadLeft(valueWidth)}  note");
        text.AppendLine($"{new string('-', figureWidth)}  {new string('-', valueWidth)}  ----");
        foreach (var (figure, value, note) in _rows)
        {
            text.AppendLine($"{figure.PadRight(figureWidth)}  {value.PadLeft(valueWidth)}  {note}".TrimEnd());
        }
        foreach (var failure in Failures)
        {
            text.AppendLine($"FAILED: {failure}");
        }
        return text.ToString();
    }

    public string JsonLine()
    {
        if (Failures.Count > 0)
        {
            Json["failures"] = new JsonArray(Failures.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());
        }
        return Json.ToJsonString();
    }
}
