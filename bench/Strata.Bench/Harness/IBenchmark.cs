namespace Strata.Bench.Harness;

/// <summary>One command of the bench: runs its workload at the given size and reports its figures.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken);
}

/// <param name="Quick">Smoke-test sizes: every code path runs, no figure is meant to be quoted.</param>
/// <param name="Datasets">Seeded stores shared by the benchmarks of one process (reads and queries use one).</param>
/// <param name="ResolutionSize">The largest synthetic store of the resolution benchmark (<c>--resolution-size=N</c>).</param>
public sealed record BenchSettings(bool Quick, Workloads.DatasetCache Datasets, long? ResolutionSize = null, IReadOnlySet<string>? ChatParts = null)
{
    /// <summary>Whether the chat benchmark runs <paramref name="part"/> (every part unless <c>--chat-parts=</c> named some).</summary>
    public bool RunsChatPart(string part) => ChatParts is null || ChatParts.Contains(part);

    public int Pick(int full, int quick) => Quick ? quick : full;

    public long Pick(long full, long quick) => Quick ? quick : full;
}
