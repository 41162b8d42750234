using System.Diagnostics;
using System.Text.Json;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>Neo4j's own Cypher grammar (npm @neo4j-cypher/language-support, tests/cypher-parser) reading a script the
/// tests exported: the independent check that it parses, since no Neo4j can be installed here.</summary>
internal static class CypherParser
{
    private static readonly string Folder = Path.Combine(DuckDbOracle.FindRoot(), "tests", "cypher-parser");

    public static async Task<CypherReport> ParseAsync(string file)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "@neo4j-cypher", "language-support")),
            "tests/cypher-parser/node_modules is missing: run npm ci in tests/cypher-parser (test.sh does)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("parse-cypher.mjs");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang guard only.
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(10)).Token);
        Assert.True(process.ExitCode == 0, $"The Cypher parser failed: {await stderr}");
        return JsonSerializer.Deserialize<CypherReport>(await stdout, JsonSerializerOptions.Web)!;
    }
}

internal sealed record CypherReport(int Statements, IReadOnlyList<CypherError> Errors, int Warnings);

internal sealed record CypherError(int Line, string Message);
