using System.Diagnostics;
using System.Text.Json;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>DuckDB (npm @duckdb/node-api, tests/duckdb-oracle) reading what the tests exported: the independent reader
/// every Parquet file is checked with.</summary>
internal static class DuckDbOracle
{
    private static readonly string Folder = Path.Combine(FindRoot(), "tests", "duckdb-oracle");

    /// <summary>Row count, DuckDB column types and per-column checksums of each file (see read-parquet.mjs).</summary>
    public static async Task<IReadOnlyList<ParquetReport>> ReadAsync(params string[] files)
    {
        var output = await RunAsync(files);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<ParquetReport>(line, JsonSerializerOptions.Web)!).ToList();
    }

    /// <summary>The rows of a query, each an object of column name to value.</summary>
    public static async Task<JsonElement> QueryAsync(string sql) => JsonDocument.Parse(await RunAsync(["--sql", sql])).RootElement;

    private static async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "@duckdb", "node-api")),
            "tests/duckdb-oracle/node_modules is missing: run npm ci in tests/duckdb-oracle (test.sh does)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("read-parquet.mjs");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang guard only: DuckDB answers in well under a second.
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        Assert.True(process.ExitCode == 0, $"DuckDB oracle failed: {await stderr}");
        return await stdout;
    }

    internal static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Strata.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Strata.slnx not found above the test output.");
    }
}

internal sealed record ParquetReport(string File, long Rows, IReadOnlyList<ParquetColumnReport> Columns);

internal sealed record ParquetColumnReport(string Name, string Type, string Checksum);
