using System.Globalization;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>
/// An export holds a page of rows and a chunk of output, whatever its size: the peak resident size of a real
/// <c>strata export document</c> process (read by the process itself as it exits, <c>VmHWM</c>) stays under a fixed
/// bound for a JSONL export of one document and of a document three times larger — larger than the bound itself — and
/// is nearly the same at both.
/// </summary>
public sealed class ExportMemoryBoundTests
{
    // The runtime, the store's page cache, a page of 500 blocks (~0.5 MB of text) and a 64 KB output chunk: the same
    // bound as the other big-input tests (DocumentMemoryBoundTests), where the runtime alone is about 100 MB.
    private const long PeakBound = 250L * 1024 * 1024;

    // Three times the rows may move the peak by the collector's slack and the page cache filling, not by the export: an
    // export held whole would add its size (over 250 MB for the larger one).
    private const long SizeDifferenceBound = 64L * 1024 * 1024;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT_a_document_export_three_times_larger_than_another_peaks_at_nearly_the_same_resident_size_under_a_fixed_bound(string backend)
    {
        var folder = Directory.CreateTempSubdirectory("strata-export-memory-").FullName;
        await using var database = await CliDatabase.CreateAsync(backend);
        try
        {
            var cli = new StrataProcess(folder);
            var created = await cli.RunAsync([.. database.Arguments, "projects", "create", "Big"]);
            Assert.True(created.Exit == 0, $"exit {created.Exit}: {created.Error}");
            var small = await ExportAsync(cli, database, folder, "small", 60L * 1024 * 1024);
            var large = await ExportAsync(cli, database, folder, "large", 180L * 1024 * 1024);

            Assert.True(large.Bytes > 3 * small.Bytes - 1024 * 1024, $"{large.Bytes} bytes against {small.Bytes}");
            Assert.True(large.Bytes > PeakBound, $"the larger export ({Mb(large.Bytes)} MB) is larger than the bound");
            Assert.True(small.Peak < PeakBound, $"peak {Mb(small.Peak)} MB exporting {Mb(small.Bytes)} MB, bound {Mb(PeakBound)} MB");
            Assert.True(large.Peak < PeakBound, $"peak {Mb(large.Peak)} MB exporting {Mb(large.Bytes)} MB, bound {Mb(PeakBound)} MB");
            Assert.True(Math.Abs(large.Peak - small.Peak) < SizeDifferenceBound,
                $"peaks {Mb(small.Peak)} MB ({Mb(small.Bytes)} MB) and {Mb(large.Peak)} MB ({Mb(large.Bytes)} MB) differ by more than {Mb(SizeDifferenceBound)} MB");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Mb(long bytes) => bytes / (1024 * 1024);

    private static async Task<(long Bytes, long Peak)> ExportAsync(StrataProcess cli, CliDatabase database, string folder, string name, long markdownBytes)
    {
        var markdown = Path.Combine(folder, name + ".md");
        var blocks = Documents.DocumentMemoryBoundTests.GeneratedDocuments.Write(markdown, markdownBytes);
        var upload = new Dictionary<string, string> { ["STRATA_MAX_UPLOAD_BYTES"] = (512L * 1024 * 1024).ToString(CultureInfo.InvariantCulture) };
        var ingest = await cli.RunAsync(upload, [.. database.Arguments, "--json", "ingest", "--project", "Big", markdown]);
        Assert.True(ingest.Exit == 0, $"exit {ingest.Exit}: {ingest.Error}");
        var document = JsonDocument.Parse(ingest.Out).RootElement.GetProperty("document");
        Assert.Equal(blocks, document.GetProperty("block_count").GetInt32());
        File.Delete(markdown);

        // Blocking collections, as in DocumentMemoryBoundTests: the figure says what the export holds, not how busy the machine is.
        var environment = new Dictionary<string, string> { ["STRATA_REPORT_PEAK_MEMORY"] = "1", ["DOTNET_gcConcurrent"] = "0" };
        var output = Path.Combine(folder, name + ".jsonl");
        var exported = await cli.RunAsync(environment, [.. database.Arguments, "--json", "export", "document", document.GetProperty("document_id").GetString()!,
            "--format", "jsonl", "--out", output]);
        Assert.True(exported.Exit == 0, $"exit {exported.Exit}: {exported.Error}");
        var result = JsonDocument.Parse(exported.Out).RootElement;
        Assert.Equal(blocks, result.GetProperty("rows").GetInt32());
        var bytes = new FileInfo(output).Length;
        Assert.Equal(bytes, result.GetProperty("bytes").GetInt64());
        File.Delete(output);
        var peakLine = exported.Error.Split('\n').Single(l => l.StartsWith("peak_rss_bytes=", StringComparison.Ordinal));
        return (bytes, long.Parse(peakLine["peak_rss_bytes=".Length..], CultureInfo.InvariantCulture));
    }
}
