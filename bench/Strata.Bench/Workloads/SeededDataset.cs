using System.Diagnostics;
using Strata.Bench.Harness;
using Strata.Core.Observations;

namespace Strata.Bench.Workloads;

/// <summary>
/// A store filled the way an agent fills it: every contact stated once, then updated in later rounds (each round a
/// new structured write of the same contacts), so each entity has <c>rounds</c> observations behind its snapshot.
/// </summary>
public sealed class SeededDataset : IDisposable
{
    private const int BatchSize = 1_000;
    private readonly Workspace _workspace;

    private SeededDataset(Workspace workspace, StrataHost host, string[] entityIds, int rounds, TimeSpan seedTime)
    {
        _workspace = workspace;
        Host = host;
        EntityIds = entityIds;
        Rounds = rounds;
        SeedTime = seedTime;
    }

    public StrataHost Host { get; }

    /// <summary>Entity id of contact <c>i</c> at index <c>i</c>.</summary>
    public string[] EntityIds { get; }

    public int Rounds { get; }

    public long Observations => (long)EntityIds.Length * Rounds;

    public TimeSpan SeedTime { get; }

    public string DatabasePath => Path.Combine(Host.DataDirectory, "strata.db");

    public static async Task<SeededDataset> CreateAsync(int entities, int rounds, CancellationToken cancellationToken)
    {
        var workspace = new Workspace("dataset");
        var host = await StrataHost.OpenAsync(workspace.Folder("strata"), cancellationToken);
        var ids = new string[entities];
        var start = Stopwatch.GetTimestamp();
        for (var round = 0; round < rounds; round++)
        {
            for (var first = 0; first < entities; first += BatchSize)
            {
                var count = Math.Min(BatchSize, entities - first);
                var batch = round == 0
                    ? EntityCorpus.Batch(first, count, EntityCorpus.Contact)
                    : EntityCorpus.Batch(first, count, i => EntityCorpus.Update(i, round));
                var result = await host.Services.Structured.StoreAsync(host.UserId, new StoreRequest(batch), cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    ids[first + i] = result.Entities[i].EntityId;
                }
            }
            Console.WriteLine($"   seeded round {round + 1}/{rounds}: {entities:N0} observations ({Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s so far)");
        }
        return new SeededDataset(workspace, host, ids, rounds, Stopwatch.GetElapsedTime(start));
    }

    public void Dispose() => _workspace.Dispose();
}
