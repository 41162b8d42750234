using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Strata.Bench.Workloads;
using Strata.Core.Entities;
using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Bench.Micro;

/// <summary>
/// The CPU work Strata does per record of a structured write, each piece alone. The whole-workload figures say how
/// fast Strata is; these say where its own code (not SQLite's) spends the time, and show a change to one piece.
/// </summary>
[MemoryDiagnoser]
public class CoreHotPaths
{
    private readonly SchemaCatalog _catalog = new([]);
    private ExtractedRecord _record = null!;
    private ShapedRecord _shaped = null!;
    private Entity _entity = null!;
    private List<Observation> _one = null!;
    private List<Observation> _ten = null!;
    private List<JsonElement> _batch = null!;
    private byte[] _call = null!;

    [GlobalSetup]
    public void Setup()
    {
        var contact = EntityCorpus.Contact(42);
        _record = new ExtractedRecord("contact",
            contact.EnumerateObject().Where(p => p.Name != "entity_type").ToDictionary(p => p.Name, p => p.Value.Clone()), "index:0");
        _shaped = RecordShaper.Shape(_record, null, _catalog);
        _entity = new Entity("ent_42", "usr_bench", "contact", _shaped.CanonicalName, null, null, DateTimeOffset.UnixEpoch);
        _ten = Enumerable.Range(0, 10).Select(round => Observe(round == 0 ? contact : EntityCorpus.Update(42, round), round)).ToList();
        _one = [_ten[0]];
        _batch = EntityCorpus.Batch(0, 1000, EntityCorpus.Contact);
        _call = CanonicalJson.SerializeArrayToUtf8(EntityCorpus.Batch(0, 50, EntityCorpus.Contact));
    }

    [Benchmark(Description = "shape a record (schema, coercion, canonical name)")]
    public ShapedRecord Shape() => RecordShaper.Shape(_record, null, _catalog);

    [Benchmark(Description = "entity and observation ids (2 x SHA-256)")]
    public string Ids() => StrataIds.Entity("usr_bench", _shaped.EntityType, _shaped.NormalizedName) + StrataIds.Observation("run_x", "ent_42", "index:0");

    [Benchmark(Description = "observation fields as stored JSON")]
    public string FieldsJson() => StoredJson.Write(_shaped.Fields);

    [Benchmark(Description = "snapshot of a new entity (1 observation)")]
    public PreparedSnapshot SnapshotOfOne() => SnapshotRefresher.Prepare(_catalog, _entity, _one);

    [Benchmark(Description = "snapshot of an entity with 10 observations")]
    public PreparedSnapshot SnapshotOfTen() => SnapshotRefresher.Prepare(_catalog, _entity, _ten);

    [Benchmark(Description = "canonical JSON of a 1,000-entity payload")]
    public byte[] Payload() => CanonicalJson.SerializeArrayToUtf8(_batch);

    [Benchmark(Description = "gzip a 50-contact payload as the file blob store keeps it")]
    public long GzipCall()
    {
        using var packed = Strata.Core.Sources.FileBlobStore.Gzip(_call);
        return packed.Length;
    }

    private Observation Observe(JsonElement element, int round)
    {
        var record = new ExtractedRecord("contact",
            element.EnumerateObject().Where(p => p.Name != "entity_type").ToDictionary(p => p.Name, p => p.Value.Clone()), $"index:{round}");
        var shaped = RecordShaper.Shape(record, null, _catalog);
        var at = DateTimeOffset.UnixEpoch.AddMinutes(round);
        return new Observation($"obs_{round}", "usr_bench", "ent_42", "src_x", $"run_{round}", ObservationKinds.Structured, shaped.Locator,
            Priorities.Structured, ObservationStates.Accepted, shaped.Fields, null, at, at);
    }
}
