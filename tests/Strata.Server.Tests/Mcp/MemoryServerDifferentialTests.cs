using System.ComponentModel;
using Strata.Server.Tests.Infrastructure;
using Strata.Storage.Compliance;

namespace Strata.Server.Tests.Mcp;

/// <summary>The reference memory server itself (npm @modelcontextprotocol/server-memory) against
/// <c>strata mcp --profile memory-server</c>, both through the official TypeScript client (tests/memory-server-diff):
/// seeded random sequences of the nine tools answer the same, and two processes' concurrent creates all stay.</summary>
public sealed class MemoryServerDifferentialTests
{
    private static readonly string Folder = Path.Combine(StrataExecutable.RepositoryRoot, "tests", "memory-server-diff");

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task Random_sequences_of_the_nine_tools_answer_as_the_reference_server_does_and_concurrent_creates_all_stay(Backend backend)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "@modelcontextprotocol", "server-memory")),
            "tests/memory-server-diff/node_modules is missing: run npm ci in tests/memory-server-diff (./test.sh does)");
        var database = backend == Backend.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        ProcessOutcome outcome;
        try
        {
            outcome = await ProcessRunner.RunAsync("node",
                ["diff-memory-server.mjs", "--dll", StrataExecutable.DllPath, "--dotnet", StrataExecutable.DotnetHost, "--seeds", "1,2,3,4", "--steps", "30",
                    .. database is null ? [] : new[] { "--database", database }],
                Folder);
        }
        catch (Win32Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"Node.js is needed for this test and could not be started ({failure.Message}); ./test.sh installs it.");
        }
        finally
        {
            if (database is not null) await PostgresTestDatabase.DropAsync(database);
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var summary = Samples.Json(outcome.StandardOutput.Trim().Split('\n').Last());
        var seeds = summary.GetProperty("seeds").EnumerateArray().ToList();
        Assert.Equal(4, seeds.Count);
        // The sequences went through what matters: refusals, graphs of several entities, relations naming missing entities.
        Assert.Contains(seeds, s => s.GetProperty("refused").GetInt32() > 0);
        Assert.Contains(seeds, s => s.GetProperty("most_entities").GetInt32() >= 5);
        Assert.All(seeds, s => Assert.True(s.GetProperty("most_relations").GetInt32() >= 2, s.ToString()));
        Assert.Contains(seeds, s => s.GetProperty("relations_to_missing").GetInt32() > 0);
        Assert.Equal(4 * 30 * 4, summary.GetProperty("checks").GetInt32());
        Assert.Equal(40, summary.GetProperty("concurrent_kept").GetInt32());
    }
}
