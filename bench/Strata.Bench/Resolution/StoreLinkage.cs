using System.Diagnostics;
using Strata.Bench.Harness;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Operations;

namespace Strata.Bench.Resolution;

/// <summary>Records through the real store: ingested as contacts, scanned, and the suggested pairs read back.</summary>
public sealed class StoreLinkage(StrataHost host)
{
    /// <summary>The persons each entity holds records of.</summary>
    public Dictionary<string, HashSet<string>> PersonsOf { get; } = [];

    public async Task IngestAsync(IEnumerable<FebrlRecord> records, CancellationToken cancellationToken, int batchSize = 1_000)
    {
        foreach (var batch in records.Chunk(batchSize))
        {
            var stored = await host.Services.Structured.StoreAsync(host.UserId, new StoreRequest(batch.Select(r => r.ToContact()).ToList()), cancellationToken);
            foreach (var (entity, record) in stored.Entities.Zip(batch))
            {
                (PersonsOf.TryGetValue(entity.EntityId, out var set) ? set : PersonsOf[entity.EntityId] = []).Add(record.Person);
            }
        }
    }

    /// <summary>Entities that hold records of more than one person: merged at ingest by mistake.</summary>
    public int FalseMerges => PersonsOf.Values.Count(p => p.Count > 1);

    public async Task<(DuplicateScanResult Result, TimeSpan Elapsed)> ScanAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await host.Services.Duplicates.ScanAsync(host.UserId, cancellationToken);
        return (result, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Quality of the stored suggestions: a pair is right when its entities hold records of one person; the true
    /// pairs are those of entities holding one person's records.</summary>
    public async Task<LinkageQuality> QualityAsync(double threshold, CancellationToken cancellationToken)
    {
        var pairs = new List<DuplicateView>();
        while (true)
        {
            var page = await host.Services.Duplicates.ListPotentialDuplicatesAsync(host.UserId, "contact", false, new Paging(Paging.MaxLimit, pairs.Count),
                cancellationToken);
            pairs.AddRange(page.Duplicates);
            if (pairs.Count >= page.Total || page.Duplicates.Count == 0) break;
        }
        var entitiesOf = PersonsOf.SelectMany(e => e.Value.Select(p => (Person: p, Entity: e.Key))).GroupBy(x => x.Person)
            .Select(g => (long)g.Select(x => x.Entity).Distinct().Count());
        var truePairs = entitiesOf.Sum(n => n * (n - 1) / 2);
        var correct = pairs.Count(p => p.Score >= threshold && PersonsOf[p.EntityA.EntityId].Overlaps(PersonsOf[p.EntityB.EntityId]));
        return new LinkageQuality(threshold, pairs.Count(p => p.Score >= threshold), correct, (int)truePairs);
    }
}
