using System.Text;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.MemoryServer;

/// <summary>
/// <c>strata import memory-json</c> killed with SIGKILL right after a batch committed (the point the process itself
/// announces): what it imported is whole batches, never part of one, and the same command run again finishes the import
/// without doubling an entity, an observation or a relation.
/// </summary>
public sealed class KilledMemoryImportTests
{
    private const int Entities = 1200; // three batches of 500 lines: 500, 500 and 200

    /// <summary>The child processes write on the real clock, and this process's clock is the test's own: the graph is read
    /// as of a time after anything the children wrote.</summary>
    private static DateTimeOffset AfterTheChildren => DateTimeOffset.UtcNow.AddHours(1);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AMemoryImportKilledBetweenBatchesKeepsWholeBatchesAndRunAgainFinishesWithoutDoubling(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var file = Path.Combine(strata.DataDirectory, "memory.jsonl");
        var lines = new StringBuilder();
        for (var i = 0; i < Entities; i++)
        {
            lines.Append($$"""{"type":"entity","name":"Person {{i}}","entityType":"person","observations":["number {{i}}","likes tea"]}""").Append('\n');
        }
        lines.Append("""{"type":"relation","from":"Person 0","to":"Person 1199","relationType":"knows"}""").Append('\n');
        await File.WriteAllTextAsync(file, lines.ToString());
        string[] cli = [.. strata.PostgresConnectionString is { } url ? new[] { "--database", url } : [], "--user", "alice", "import", "memory-json", file];

        var signal = Path.Combine(strata.DataDirectory, $"held-{Guid.NewGuid():N}");
        using (var child = StrataChild.StartHeldAt("memory-import-batch", signal, strata.DataDirectory, cli))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the import ended before its first batch committed: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }
        var cut = await strata.Services.MemoryServer.ReadGraphAsync(alice, AfterTheChildren, CancellationToken.None);
        Assert.Equal(500, cut.Entities.Count);
        Assert.All(cut.Entities, e => Assert.Equal(2, e.Observations.Count));
        Assert.Empty(cut.Relations);

        var finished = await new StrataProcess(strata.DataDirectory).RunAsync(cli);

        Assert.True(finished.Exit == 0, finished.Error);
        var graph = await strata.Services.MemoryServer.ReadGraphAsync(alice, AfterTheChildren, CancellationToken.None);
        Assert.Equal(Entities, graph.Entities.Select(e => e.Name).Distinct().Count());
        Assert.All(graph.Entities, e => Assert.Equal(["number " + e.Name["Person ".Length..], "likes tea"], e.Observations));
        Assert.Single(graph.Relations);
    }
}
