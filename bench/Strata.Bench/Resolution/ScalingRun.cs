using System.Diagnostics;
using Strata.Bench.Harness;

namespace Strata.Bench.Resolution;

/// <summary>
/// The scaling figure: a store of N synthetic people, scanned once, then 1,000 more people ingested and scanned
/// again. The second scan's time per new record should not grow with N: it compares only the new records' blocks.
/// </summary>
public static class ScalingRun
{
    public const int NewRecords = 1_000;

    public sealed record Point(long StoreSize, TimeSpan FirstScan, TimeSpan IncrementalScan, int NewScanned, int PairsCompared)
    {
        public double MillisecondsPerNewRecord => IncrementalScan.TotalMilliseconds / Math.Max(1, NewScanned);

        public double PairsPerNewRecord => (double)PairsCompared / Math.Max(1, NewScanned);
    }

    public static async Task<Point> RunAsync(SyntheticPeople people, long size, CancellationToken cancellationToken)
    {
        using var workspace = new Workspace($"resolution-{size}");
        var host = await StrataHost.OpenAsync(workspace.Folder("strata"), cancellationToken);
        var store = new StoreLinkage(host);
        await store.IngestAsync(Range(0, size).Select(people.Person), cancellationToken, batchSize: 5_000);
        var (first, firstTime) = await store.ScanAsync(cancellationToken);
        await store.IngestAsync(Range(size, NewRecords).Select(people.Person), cancellationToken);
        var (incremental, time) = await store.ScanAsync(cancellationToken);
        return new Point(first.EntitiesScanned, firstTime, time, incremental.EntitiesScanned, incremental.PairsCompared);
    }

    private static IEnumerable<long> Range(long start, long count)
    {
        for (var i = start; i < start + count; i++) yield return i;
    }
}
