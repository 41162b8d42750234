using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Archive;
using Strata.Core.Hashing;
using Strata.Core.Storage;

namespace Strata.Acceptance.Tests.Archive;

/// <summary>A store with something of every kind an archive carries, and what the tests compare archives by.</summary>
internal static class ArchiveStores
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Alice's store: an interpreted CSV, a structured write with a relation, a correction, a merge, a project
    /// with a converted document; Bob has a source of his own, which her archive must not carry.</summary>
    public static async Task<string> FillAsync(TestStrata strata)
    {
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        await strata.IngestTextAsync(alice, "people.csv", "name,email,phone\nAda Lovelace,ada@example.com,111\nGrace Hopper,grace@example.com,222\n", type: "contact");
        var stored = await strata.Services.Structured.StoreAsync(alice, new Core.Observations.StoreRequest(
            Elements("""[{"entity_type":"contact","name":"Carol Danvers","email":"carol@example.com"},{"entity_type":"contact","name":"Augusta King"}]"""),
            Relations: Elements("""[{"from":0,"relation_type":"reports_to","to":1,"valid_from":"2020-01-01","properties":{"team":"archives"}}]""")), None);
        var ada = (await strata.Services.Entities.RetrieveAsync(alice, "contact", "Ada", false, false, new Paging(), None)).Entities.Single().EntityId;
        await strata.Services.Corrections.CorrectAsync(alice, ada, "phone", JsonDocument.Parse("\"999\"").RootElement, "called her", None);
        await strata.Services.Merges.MergeAsync(alice, stored.Entities[1].EntityId, ada, "same person", None);
        await strata.Services.Projects.CreateAsync(alice, "Contracts", None);
        await strata.Services.Documents.AddFileAsync(alice, "Contracts", new MemoryStream(Encoding.UTF8.GetBytes("# Lease\n\nRent is due monthly.\n\n- keys\n- deposit\n")),
            "lease.md", null, wait: true, None);
        await strata.IngestTextAsync(bob, "bob.csv", "name\nBob Marley\n", type: "contact");
        return alice;
    }

    /// <summary>Alice's filled SQLite store, its archive, and an empty store on <paramref name="backend"/> where Alice
    /// exists: where each import test starts. Dispose both stores.</summary>
    public static async Task<(TestStrata Origin, string Alice, string Archive, TestStrata Target)> ArchiveAndTargetAsync(string backend)
    {
        var origin = new TestStrata(backend: Backends.Sqlite);
        var alice = await FillAsync(origin);
        var archive = await ExportAsync(origin, alice);
        var target = new TestStrata(backend: backend);
        await target.UserAsync("alice");
        return (origin, alice, archive, target);
    }

    private static List<JsonElement> Elements(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    public static async Task<string> ExportAsync(TestStrata strata, string userId)
    {
        var path = Path.Combine(strata.DataDirectory, $"archive-{Guid.NewGuid():N}.zip");
        await using var file = File.Create(path);
        await strata.Services.ArchiveExport.ExportAsync(userId, file, None);
        return path;
    }

    public static Task<ArchiveImportResult> ImportAsync(TestStrata strata, string userId, string path, ArchiveConflict onConflict = ArchiveConflict.Skip) =>
        strata.Services.ArchiveImport.ImportAsync(userId, path, onConflict, None);

    /// <summary>Every row of every table and every blob's name, as text: booleans as 0/1 and JSON text in canonical form
    /// (PostgreSQL's jsonb keeps its own key order), rows sorted. Equal dumps mean the same records.</summary>
    public static SortedDictionary<string, List<string>> Dump(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var dump = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName != ArchiveFormat.ManifestEntry))
        {
            var rows = new List<string>();
            if (entry.FullName.StartsWith(ArchiveFormat.TablePrefix, StringComparison.Ordinal))
            {
                using var reader = new StreamReader(entry.Open());
                while (reader.ReadLine() is { } line)
                {
                    var row = JsonDocument.Parse(line).RootElement;
                    rows.Add(string.Join("|", row.EnumerateObject().Select(p => $"{p.Name}={Normal(p.Value)}")));
                }
            }
            rows.Sort(StringComparer.Ordinal);
            dump[entry.FullName] = rows;
        }
        return dump;
    }

    /// <summary>Two dumps hold the same tables with the same rows; a difference names its table and rows.</summary>
    public static void AssertSame(SortedDictionary<string, List<string>> expected, SortedDictionary<string, List<string>> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (table, rows) in expected)
        {
            var missing = rows.Except(actual[table]).ToList();
            var extra = actual[table].Except(rows).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0 && rows.Count == actual[table].Count,
                $"{table}: missing {string.Join(" / ", missing)}; unexpected {string.Join(" / ", extra)}");
        }
    }

    private static string Normal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        JsonValueKind.String when value.GetString() is ['{' or '[', ..] text && TryCanonical(text, out var json) => json,
        // PostgreSQL keeps times to the microsecond (docs/archive.md): a time written by SQLite compares at that precision,
        // cut as the import cuts it (rounding made one value in a few thousand differ by a microsecond).
        JsonValueKind.String when DateTimeOffset.TryParseExact(value.GetString(), "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time) => new DateTimeOffset(time.UtcTicks / 10 * 10, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    private static bool TryCanonical(string text, out string json)
    {
        try
        {
            json = CanonicalJson.Serialize(JsonDocument.Parse(text).RootElement);
            return true;
        }
        catch (JsonException)
        {
            json = text;
            return false;
        }
    }

    /// <summary>What a person sees of Alice's memory: entities with provenance (merged ones too), a search, a
    /// relation, a document's blocks and a source's text, as JSON.</summary>
    public static async Task<string> ViewsAsync(TestStrata strata, string alice)
    {
        var services = strata.Services;
        var all = await services.Entities.RetrieveAsync(alice, null, null, true, true, new Paging(Paging.MaxLimit), None);
        var found = await services.Entities.RetrieveAsync(alice, "contact", "Ada", false, true, new Paging(), None);
        var carol = all.Entities.Single(e => JsonSerializer.Serialize(e).Contains("carol@example.com", StringComparison.Ordinal)).EntityId;
        var relations = await services.Graph.RelationsAsync(alice, carol, null, null, null, None);
        var document = (await services.Documents.ListAsync(alice, "Contracts", null, new Paging(), None)).Documents.Single();
        var blocks = await services.Documents.ListBlocksAsync(alice, document.DocumentId, new Paging(), None);
        var content = await services.SourceContent.ReadAsync(alice, document.SourceId, 0, null, None);
        var timeline = await services.Entities.TimelineAsync(alice, null, null, null, new Paging(), None);
        var views = JsonSerializer.Serialize(new object[] { all, found, relations, blocks, content, timeline });
        // Views that are empty would compare equal too: each must hold what the store was filled with.
        Assert.NotEmpty(found.Entities);
        Assert.NotEmpty(blocks.Blocks);
        Assert.Contains("reports_to", views, StringComparison.Ordinal);
        Assert.Contains("Rent is due monthly", views, StringComparison.Ordinal);
        return views;
    }
}
