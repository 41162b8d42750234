using System.Diagnostics;
using Strata.Bench.Harness;
using Strata.Bench.Workloads;
using Strata.Core.Observations;
using Strata.Core.Operations;

namespace Strata.Bench.Structured;

/// <summary>
/// Figure 1: contacts of three fields through <c>ingest_structured</c> in batches, against the SQLite ceiling for the
/// same rows, and against the floor of Strata's own schema written by hand (which splits the gap into what the data
/// model costs and what the code costs). All three alternate batch by batch, so a noisy neighbour slows each alike.
/// </summary>
public sealed class StructuredIngestBenchmark : IBenchmark
{
    public const double GoalRatio = 0.25;

    public string Name => "ingest";

    public string Description => "ingest_structured of contacts (3 fields) in batches of 1,000 vs prepared SQLite inserts";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var total = settings.Pick(100_000, 5_000);
        const int batchSize = 1_000;
        using var workspace = new Workspace("ingest");
        var host = await StrataHost.OpenAsync(workspace.Folder("strata"), cancellationToken);
        using var ceiling = new SqliteCeiling(workspace.PathOf("ceiling.db"));
        using var floor = new SchemaFloor(workspace.PathOf("floor.db"));

        // One untimed batch each first: JIT, statement caches and file creation are not what is measured.
        var warmup = EntityCorpus.Batch(total, batchSize, EntityCorpus.Contact);
        ceiling.WriteBatch(warmup);
        floor.Write(floor.Prepare(warmup));
        await host.Services.Structured.StoreAsync(host.UserId, new StoreRequest(warmup), cancellationToken);

        var strataTime = TimeSpan.Zero;
        var ceilingTime = TimeSpan.Zero;
        var floorTime = TimeSpan.Zero;
        var created = 0;
        for (var first = 0; first < total; first += batchSize)
        {
            var batch = EntityCorpus.Batch(first, Math.Min(batchSize, total - first), EntityCorpus.Contact);

            var start = Stopwatch.GetTimestamp();
            ceiling.WriteBatch(batch);
            ceilingTime += Stopwatch.GetElapsedTime(start);

            var rows = floor.Prepare(batch);
            start = Stopwatch.GetTimestamp();
            floor.Write(rows);
            floorTime += Stopwatch.GetElapsedTime(start);

            start = Stopwatch.GetTimestamp();
            var result = await host.Services.Structured.StoreAsync(host.UserId, new StoreRequest(batch), cancellationToken);
            strataTime += Stopwatch.GetElapsedTime(start);
            created += result.Entities.Count(e => e.Action == StoreActions.Created);
        }

        var report = new Report(Name, settings.Quick);
        report.Json["entities"] = total;
        report.Json["batch_size"] = batchSize;
        report.Figure("strata_entities_per_s", Rates.PerSecond(total, strataTime), "Strata ingest_structured", "entities/s",
            $"{total:N0} entities, {strataTime.TotalSeconds:0.00} s");
        report.Figure("sqlite_ceiling_rows_per_s", Rates.PerSecond(total, ceilingTime), "SQLite ceiling (prepared, tx/batch)", "rows/s",
            $"{ceilingTime.TotalSeconds:0.00} s");
        report.Goal("ratio_to_sqlite_ceiling", ceilingTime / strataTime, "ratio to SQLite ceiling", "", GoalRatio, higherIsBetter: true);
        report.Figure("schema_floor_entities_per_s", Rates.PerSecond(total, floorTime), "Strata's schema by hand (floor)", "entities/s",
            $"{floorTime.TotalSeconds:0.00} s: entity, observation and search rows, prepared");
        report.Figure("ratio_to_schema_floor", floorTime / strataTime, "ratio to schema floor", "", "Strata's code vs its data model's own cost");
        report.Figure("schema_floor_ratio_to_ceiling", ceilingTime / floorTime, "schema floor / SQLite ceiling", "", "the data model's cost vs one plain row");

        if (created != total)
        {
            report.Failures.Add($"expected {total} entities created, Strata reported {created}");
        }
        if (ceiling.Count() != total + batchSize)
        {
            report.Failures.Add($"the ceiling table holds {ceiling.Count()} rows, expected {total + batchSize}");
        }
        return report;
    }
}
