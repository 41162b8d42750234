using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

/// <summary>
/// Interpreting a file holds one slice of it, whatever its size: the peak resident size of a real CLI process (read by
/// the process itself as it exits, <c>VmHWM</c>) stays under a bound. Inputs are generated into a temporary directory
/// and deleted afterwards.
/// </summary>
public sealed class MemoryBoundTests : IDisposable
{
    private const long PeakBound = 250L * 1024 * 1024;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "strata-memory-" + Guid.NewGuid().ToString("N")[..8]);

    public MemoryBoundTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT_a_jsonl_file_of_over_100_MB_is_interpreted_in_bounded_memory(string backend)
    {
        const int lines = 30_000;
        var file = Path.Combine(_root, "contacts.jsonl");
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            var note = new string('n', 3_800);
            for (var i = 0; i < lines; i++)
            {
                await writer.WriteLineAsync($$"""{"entity_type": "contact", "email": "user{{i}}@example.com", "name": "User {{i}}", "note": "{{note}}"}""");
            }
        }
        Assert.True(new FileInfo(file).Length > 100L * 1024 * 1024);

        var (interpretation, peak) = await IngestAsync(file, backend);

        Assert.Equal("completed", interpretation.GetProperty("status").GetString());
        Assert.Equal(lines, interpretation.GetProperty("observations_created").GetInt32());
        Assert.True(peak < PeakBound, $"peak resident size {peak / (1024 * 1024)} MB, bound {PeakBound / (1024 * 1024)} MB");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT_a_json_string_of_50_MB_is_never_held_whole_and_the_run_says_it_was_too_long(string backend)
    {
        var file = Path.Combine(_root, "huge-note.json");
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("{\"entity_type\": \"note\", \"title\": \"huge\", \"body\": \"");
            var chunk = new string('x', 1024 * 1024);
            for (var i = 0; i < 50; i++) await writer.WriteAsync(chunk);
            await writer.WriteAsync("\"}");
        }

        var (interpretation, peak) = await IngestAsync(file, backend);

        Assert.Equal("completed", interpretation.GetProperty("status").GetString());
        Assert.Equal(1, interpretation.GetProperty("values_too_long").GetInt32());
        Assert.True(peak < PeakBound, $"peak resident size {peak / (1024 * 1024)} MB, bound {PeakBound / (1024 * 1024)} MB");
    }

    private async Task<(JsonElement Interpretation, long PeakBytes)> IngestAsync(string file, string backend)
    {
        await using var database = await CliDatabase.CreateAsync(backend);
        var cli = new StrataProcess(Path.Combine(_root, "data"));
        var (exit, output, error) = await cli.RunAsync(new Dictionary<string, string>
        {
            ["STRATA_REPORT_PEAK_MEMORY"] = "1",
            ["STRATA_MAX_UPLOAD_BYTES"] = (512L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        }, [.. database.Arguments, "--json", "ingest", file]);
        Assert.True(exit == 0, $"exit {exit}: {error}");
        var peak = PeakMemory.Read(error);
        var interpretation = JsonDocument.Parse(output).RootElement.GetProperty("interpretation").Clone();
        return (interpretation, peak);
    }
}
