using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Bench.Harness;
using Strata.Core;
using Strata.Core.Exports;
using Strata.Core.Observations;

namespace Strata.Bench.Exports;

/// <summary>
/// export entities of 1,000,000 contacts (one observation each; 5,000 with --quick) as Parquet and as CSV, against the
/// plainest export of the same rows in the same run: the same pages read through entities list, each snapshot written as
/// a line of comma-joined text. Three rounds, the three kinds interleaved so each sees the same moments of the machine;
/// each figure is the median. The goal: each format at least half the plain text's throughput.
/// </summary>
public sealed class ExportBenchmark : IBenchmark
{
    public const double GoalRatio = 0.5;
    private const int Rounds = 3;
    private const int EntitiesPerCall = 500;

    public string Name => "export";

    public string Description => "export entities as Parquet and CSV against plain CSV text of the same rows, at 1,000,000 contacts";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var entities = settings.Pick(1_000_000, 5_000);
        using var workspace = new Workspace("export");
        var host = await StrataHost.OpenAsync(workspace.Folder("data"), cancellationToken);
        var seedStart = Stopwatch.GetTimestamp();
        for (var first = 0; first < entities; first += EntitiesPerCall)
        {
            var batch = Enumerable.Range(first, Math.Min(EntitiesPerCall, entities - first)).Select(i => Json(string.Create(CultureInfo.InvariantCulture,
                $$"""{"entity_type":"contact","name":"Person {{i}}","email":"p{{i}}@example.com","birthday":"19{{i % 90 + 10}}-0{{i % 9 + 1}}-1{{i % 9}}","title":"Engineer {{i % 37}}"}"""))).ToList();
            await host.Services.Structured.StoreAsync(host.UserId, new StoreRequest(batch), cancellationToken);
        }
        var seedTime = Stopwatch.GetElapsedTime(seedStart);

        var report = new Report(Name, settings.Quick);
        report.Json["entities"] = entities;
        report.Json["load_before"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
        report.Figure("seed_s", seedTime.TotalSeconds, "seeding (ingest_structured)", "s", $"{entities:N0} contacts");
        var times = new Dictionary<string, List<double>> { ["plain"] = [], ["parquet"] = [], ["csv"] = [] };
        var bytes = new Dictionary<string, long>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var kind in times.Keys)
            {
                var file = Path.Combine(workspace.Folder("out"), kind);
                var start = Stopwatch.GetTimestamp();
                await using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
                {
                    if (kind == "plain")
                    {
                        await PlainCsvAsync(host, output, cancellationToken);
                    }
                    else
                    {
                        var download = await host.Services.EntityExports.ExportAsync(host.UserId, new EntityExportRequest(kind, "contact"), cancellationToken);
                        await download.WriteToAsync(output, null, cancellationToken);
                    }
                }
                times[kind].Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                bytes[kind] = new FileInfo(file).Length;
            }
        }
        report.Json["load_after"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
        foreach (var (kind, seconds) in times)
        {
            report.Figure($"{kind}_rows_per_s", entities / Median(seconds), $"{kind} export throughput (median of {Rounds})", "rows/s",
                $"{bytes[kind]:N0} bytes; rounds {string.Join(", ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} s");
        }
        report.Goal("parquet_to_plain", Median(times["plain"]) / Median(times["parquet"]), "Parquet throughput / plain CSV text", "x", GoalRatio, higherIsBetter: true);
        report.Goal("csv_to_plain", Median(times["plain"]) / Median(times["csv"]), "CSV (CsvHelper) throughput / plain CSV text", "x", GoalRatio, higherIsBetter: true);
        return report;
    }

    /// <summary>The baseline: the same snapshots read the same way (entities list, pages of 500), written as text with
    /// no quoting, no typing and no provenance columns.</summary>
    private static async Task PlainCsvAsync(StrataHost host, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        string? cursor = null;
        do
        {
            var page = await host.Services.Entities.RetrieveAsync(host.UserId, "contact", null, false, true, new Paging(Paging.MaxLimit, Cursor: cursor), cancellationToken);
            foreach (var entity in page.Entities)
            {
                await writer.WriteLineAsync(entity.EntityId + "," + entity.UpdatedAt.ToString("O", CultureInfo.InvariantCulture) + ","
                    + string.Join(",", entity.Fields.Values.Select(v => v.ToString())));
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
