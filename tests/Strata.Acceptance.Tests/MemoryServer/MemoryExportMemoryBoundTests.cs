using System.Globalization;
using System.Text;
using Strata.Acceptance.Tests.Support;
using Xunit.Abstractions;

namespace Strata.Acceptance.Tests.MemoryServer;

/// <summary>
/// <c>strata export memory-json</c> holds a page of entities, whatever the graph's size: the peak resident size of a
/// real export process (<c>VmHWM</c>, read by the process as it exits) stays under a fixed bound for a graph and for the
/// same graph grown ten times, and is the same at both within 20% — where the larger export alone is more than that
/// 20%, so an export held whole would show. As <see cref="Exports.ExportMemoryBoundTests"/>, SQLite's page cache is a
/// fixed ceiling only the larger export may fill: here it is set small (2 MB, <c>STRATA_TEST_SQLITE_CACHE_KB</c>) so a
/// graph of tens of MB proves the point in seconds instead of one larger than the default 32 MB cache.
/// </summary>
public sealed class MemoryExportMemoryBoundTests(ITestOutputHelper output)
{
    // The runtime (about 80-100 MB), a page of 20 entities (~0.2 MB of strings here) and the output buffer.
    private const long PeakBound = 200L * 1024 * 1024;

    private const int SmallEntities = 300;
    private const int LargeEntities = 10 * SmallEntities;

    // Each entity: 10 observations of about 1,300 characters (a 3.5 MB and a 37 MB export), and one relation.
    private const int ObservationsPerEntity = 10;

    private const double Flatness = 0.2;

    private const long SqliteCacheKb = 2048;

    private static readonly Dictionary<string, string> Store = new() { ["STRATA_TEST_SQLITE_CACHE_KB"] = SqliteCacheKb.ToString(CultureInfo.InvariantCulture) };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT_a_memory_json_export_of_a_graph_ten_times_larger_peaks_at_the_same_resident_size_within_a_fifth_under_a_fixed_bound(string backend)
    {
        var folder = Directory.CreateTempSubdirectory("strata-memory-export-").FullName;
        await using var database = await CliDatabase.CreateAsync(backend);
        try
        {
            var cli = new StrataProcess(folder);
            await ImportAsync(cli, database, folder, 0, SmallEntities);
            var small = await ExportAsync(cli, database, folder, SmallEntities);
            await ImportAsync(cli, database, folder, SmallEntities, LargeEntities);
            var large = await ExportAsync(cli, database, folder, LargeEntities);

            output.WriteLine($"{backend}: peak {PeakMemory.Mb(small.Peak)} MB exporting {PeakMemory.Mb(small.Bytes)} MB, {PeakMemory.Mb(large.Peak)} MB exporting {PeakMemory.Mb(large.Bytes)} MB");
            PeakMemory.AssertFlat(small, large, (long)(Flatness * small.Peak) + (backend == Backends.Sqlite ? SqliteCacheKb * 1024 : 0), PeakBound);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Entities <paramref name="first"/> to <paramref name="end"/> (each with a relation to the one before it)
    /// imported from a file in the reference's format.</summary>
    private static async Task ImportAsync(StrataProcess cli, CliDatabase database, string folder, int first, int end)
    {
        var file = Path.Combine(folder, $"memory-{first}.jsonl");
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            for (var i = first; i < end; i++)
            {
                var observations = Enumerable.Range(0, ObservationsPerEntity)
                    .Select(j => $"\"note {i}.{j}: {string.Concat(Enumerable.Repeat($"word{(i * 31 + j) % 997} ", 160))}\"");
                await writer.WriteLineAsync($$"""{"type":"entity","name":"Person {{i}}","entityType":"person","observations":[{{string.Join(',', observations)}}]}""");
                if (i > 0) await writer.WriteLineAsync($$"""{"type":"relation","from":"Person {{i}}","to":"Person {{i - 1}}","relationType":"knows"}""");
            }
        }
        var imported = await cli.RunAsync(Store, [.. database.Arguments, "--json", "import", "memory-json", file]);
        Assert.True(imported.Exit == 0, $"exit {imported.Exit}: {imported.Error}");
        File.Delete(file);
    }

    private static async Task<(long Bytes, long Peak)> ExportAsync(StrataProcess cli, CliDatabase database, string folder, int entities)
    {
        // Blocking collections, as in DocumentMemoryBoundTests: the figure says what the export holds, not how busy the machine is.
        var environment = new Dictionary<string, string>(Store) { [PeakMemory.Variable] = "1", ["DOTNET_gcConcurrent"] = "0" };
        var file = Path.Combine(folder, $"export-{entities}.jsonl");
        var exported = await cli.RunAsync(environment, [.. database.Arguments, "--json", "export", "memory-json", "--out", file]);
        Assert.True(exported.Exit == 0, $"exit {exported.Exit}: {exported.Error}");
        var lines = File.ReadLines(file).ToList();
        Assert.Equal(entities, lines.Count(l => l.StartsWith("{\"type\":\"entity\"", StringComparison.Ordinal)));
        Assert.Equal(entities - 1, lines.Count(l => l.StartsWith("{\"type\":\"relation\"", StringComparison.Ordinal)));
        var bytes = new FileInfo(file).Length;
        File.Delete(file);
        return (bytes, PeakMemory.Read(exported.Error));
    }
}
