namespace Strata.Bench.Workloads;

/// <summary>
/// Seeding a million observations is the slow part of the read benchmarks; the snapshot and query benchmarks of
/// one run share the store rather than each building its own.
/// </summary>
public sealed class DatasetCache : IDisposable
{
    private readonly Dictionary<(int Entities, int Rounds), Task<SeededDataset>> _seeded = [];

    public Task<SeededDataset> GetAsync(int entities, int rounds, CancellationToken cancellationToken)
    {
        if (!_seeded.TryGetValue((entities, rounds), out var seeding))
        {
            seeding = SeededDataset.CreateAsync(entities, rounds, cancellationToken);
            _seeded[(entities, rounds)] = seeding;
        }
        return seeding;
    }

    public void Dispose()
    {
        foreach (var seeding in _seeded.Values.Where(s => s.IsCompletedSuccessfully))
        {
            seeding.Result.Dispose();
        }
    }
}
