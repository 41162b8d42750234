using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Mcp;

/// <summary>The reference memory server itself (npm @modelcontextprotocol/server-memory) against
/// <c>strata mcp --profile memory-server</c>, both through the official TypeScript client (tests/memory-server-diff):
/// seeded random sequences of the nine tools answer the same, and two processes' concurrent creates all stay.</summary>
public sealed class MemoryServerDifferentialTests
{
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task Random_sequences_of_the_nine_tools_answer_as_the_reference_server_does_and_concurrent_creates_all_stay(Backend backend)
    {
        var summary = await NodeScript.RunAsync(backend, "memory-server-diff", Path.Combine("@modelcontextprotocol", "server-memory"),
            ["diff-memory-server.mjs", "--seeds", "1,2,3,4", "--steps", "30"]);
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
