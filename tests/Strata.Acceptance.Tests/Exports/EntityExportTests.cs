using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Exports;
using Strata.Core.Observations;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>
/// export entities: the same entities as entities list, with provenance, as JSONL, CSV (a file per type) and Parquet
/// (a typed column per field) read back by DuckDB, with relations beside them; written to a stream that refuses
/// synchronous writes, as a response body does; another user's entities never in it.
/// </summary>
public sealed class EntityExportTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestStrata _strata = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("strata-export-").FullName;

    private async Task<string> AliceAsync()
    {
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Structured.StoreAsync(alice, new StoreRequest(Json("""
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Lovelace", "birthday": "1815-12-10", "emails": ["ada@example.com", "countess@example.com"]},
             {"entity_type": "contact", "email": "grace@example.org", "name": "Grace Hopper", "title": "Rear Admiral"},
             {"entity_type": "contact", "email": "g.hopper@example.org", "name": "G. Hopper"},
             {"entity_type": "company", "name": "Analytical Engines", "domain": "engines.example", "employees": 12.5, "founded": "1834-01-01"}]
            """), null, null, Json("""[{"from": 0, "relation_type": "works_at", "to": 3}, {"from": 1, "relation_type": "knows", "to": 0}]""")), None);
        var contacts = (await _strata.Services.Entities.RetrieveAsync(alice, "contact", null, false, false, new Paging(), None)).Entities;
        await _strata.Services.Merges.MergeAsync(alice, contacts.Single(c => c.CanonicalName.Contains("g.hopper")).EntityId,
            contacts.Single(c => c.CanonicalName.Contains("grace")).EntityId, "same person", None);
        var bob = await _strata.UserAsync("bob");
        await _strata.StoreAsync(bob, """[{"entity_type": "contact", "email": "bob@example.com", "name": "Bob Secret"}]""");
        return alice;
    }

    private static List<JsonElement> Json(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    private async Task<(ExportDownload Download, byte[] Bytes)> ExportAsync(string user, EntityExportRequest request)
    {
        var download = await _strata.Services.EntityExports.ExportAsync(user, request, None);
        var destination = new AsyncOnlyStream();
        await download.WriteToAsync(destination, null, None);
        return (download, destination.Received);
    }

    private static List<JsonElement> Lines(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    private static Dictionary<string, byte[]> Unzip(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var entry = e.Open();
            var copy = new MemoryStream();
            entry.CopyTo(copy);
            return copy.ToArray();
        });
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task JsonLinesHoldTheListedEntitiesWithTheirSnapshotsAndProvenanceAndMergedOnesOnlyWhenAsked(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await AliceAsync();

        var (download, bytes) = await ExportAsync(alice, new EntityExportRequest("jsonl"));
        var lines = Lines(bytes);

        Assert.Equal("entities.jsonl", download.FileName);
        var listed = (await _strata.Services.Entities.RetrieveAsync(alice, null, null, false, true, new Paging(Paging.MaxLimit), None)).Entities;
        Assert.Equal(listed.Select(e => e.EntityId).Order(), lines.Select(l => l.GetProperty("entity_id").GetString()!).Order());
        foreach (var line in lines)
        {
            var snapshot = await _strata.Services.Entities.GetSnapshotAsync(alice, line.GetProperty("entity_id").GetString()!, null, None);
            Assert.Equal(JsonSerializer.Serialize(snapshot.Fields), line.GetProperty("fields").GetRawText());
            Assert.Equal(snapshot.Provenance!.OrderBy(p => p.Key), line.GetProperty("provenance").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(p => p.Key));
            Assert.Equal(snapshot.EntityType, line.GetProperty("entity_type").GetString());
        }
        Assert.DoesNotContain("Bob Secret", Encoding.UTF8.GetString(bytes));
        Assert.DoesNotContain(lines, l => l.GetProperty("merged_into").ValueKind != JsonValueKind.Null);

        var withMerged = Lines((await ExportAsync(alice, new EntityExportRequest("jsonl", IncludeMerged: true))).Bytes);
        Assert.Equal(lines.Count + 1, withMerged.Count);
        Assert.Single(withMerged, l => l.GetProperty("merged_into").ValueKind == JsonValueKind.String);

        var contacts = Lines((await ExportAsync(alice, new EntityExportRequest("jsonl", "Contact"))).Bytes);
        Assert.Equal(2, contacts.Count);
        Assert.All(contacts, c => Assert.Equal("contact", c.GetProperty("entity_type").GetString()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CsvHasAFilePerTypeWithTheSchemasColumnsAndDuckDbReadsTheSameValues(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await AliceAsync();

        var (download, bytes) = await ExportAsync(alice, new EntityExportRequest("CSV"));

        Assert.Equal("application/zip", download.MediaType);
        var files = Unzip(bytes);
        Assert.Equal(["entities/company.csv", "entities/contact.csv"], files.Keys.Order());
        var contactCsv = Encoding.UTF8.GetString(files["entities/contact.csv"]);
        Assert.NotEqual(0xEF, files["entities/contact.csv"][0]);
        var header = contactCsv[..contactCsv.IndexOf('\n')].TrimEnd('\r').Split(',');
        Assert.Equal(["entity_id", "entity_type", "canonical_name", "updated_at", "merged_into", "observation_count", "name", "given_name"], header[..8]);
        Assert.Contains("provenance_email", header);
        Assert.Equal("other_fields", header[^1]);

        var path = Path.Combine(_folder, "contact.csv");
        await File.WriteAllBytesAsync(path, files["entities/contact.csv"]);
        var rows = await DuckDbOracle.QueryAsync($"SELECT * FROM read_csv('{path}', header = true, all_varchar = true) ORDER BY email");
        var jsonl = Lines((await ExportAsync(alice, new EntityExportRequest("jsonl", "contact"))).Bytes)
            .OrderBy(l => l.GetProperty("fields").GetProperty("email").GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal(jsonl.Count, rows.GetArrayLength());
        foreach (var (row, line) in rows.EnumerateArray().Zip(jsonl))
        {
            Assert.Equal(line.GetProperty("entity_id").GetString(), row.GetProperty("entity_id").GetString());
            foreach (var field in line.GetProperty("fields").EnumerateObject())
            {
                var expected = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.GetRawText();
                Assert.Equal(expected, row.GetProperty(field.Name).GetString());
                Assert.Equal(line.GetProperty("provenance").GetProperty(field.Name).GetString(), row.GetProperty("provenance_" + field.Name).GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ParquetGivesEachFieldATypedColumnThatDuckDbReadsWithTheSameValuesAndRelationsBeside(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await AliceAsync();

        var files = Unzip((await ExportAsync(alice, new EntityExportRequest("parquet", IncludeRelations: true))).Bytes);
        var jsonl = Unzip((await ExportAsync(alice, new EntityExportRequest("jsonl", IncludeRelations: true))).Bytes);

        Assert.Equal(["entities/company.parquet", "entities/contact.parquet", "relations.parquet"], files.Keys.Order());
        Assert.Equal(["entities.jsonl", "relations.jsonl"], jsonl.Keys.Order());
        var entities = Lines(jsonl["entities.jsonl"]);
        foreach (var (name, bytes) in files)
        {
            var path = Path.Combine(_folder, name.Replace('/', '-'));
            await File.WriteAllBytesAsync(path, bytes);
            var report = (await DuckDbOracle.ReadAsync(path)).Single();
            var expected = name == "relations.parquet"
                ? Lines(jsonl["relations.jsonl"])
                : entities.Where(e => "entities/" + e.GetProperty("entity_type").GetString() + ".parquet" == name).ToList();
            Assert.Equal(expected.Count, report.Rows);
            Assert.True(report.Rows > 0, name);
            foreach (var column in report.Columns)
            {
                var values = expected.Select(e => Cell(e, column.Name)).ToList();
                Assert.True(ParquetChecksums.Of(column.Type, values) == column.Checksum, $"{name} {column.Name} ({column.Type}): DuckDB read {column.Checksum}");
            }
        }
        var contact = (await DuckDbOracle.ReadAsync(Path.Combine(_folder, "entities-contact.parquet"))).Single().Columns.ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal("DATE", contact["birthday"]);
        Assert.Equal("VARCHAR", contact["emails"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", contact["updated_at"]);
        Assert.Equal("BIGINT", contact["observation_count"]);
        var company = (await DuckDbOracle.ReadAsync(Path.Combine(_folder, "entities-company.parquet"))).Single().Columns.ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal("DOUBLE", company["employees"]);
        var relations = Lines(jsonl["relations.jsonl"]);
        Assert.Equal(["knows", "works_at"], relations.Select(r => r.GetProperty("relation_type").GetString()).Order());
    }

    /// <summary>A column's value in a JSONL line: top level, in fields, or (provenance_x) in provenance.</summary>
    private static JsonElement? Cell(JsonElement line, string column)
    {
        if (line.TryGetProperty(column, out var top)) return top;
        if (column.StartsWith("provenance_", StringComparison.Ordinal)
            && line.GetProperty("provenance").TryGetProperty(column["provenance_".Length..], out var observation)) return observation;
        if (line.TryGetProperty("fields", out var fields) && fields.TryGetProperty(column, out var value)) return value;
        return null;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnUnknownFormatIsRefusedBeforeAnythingIsWrittenAndAnEmptyTypeIsAFileWithItsColumns(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await AliceAsync();

        var refused = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.EntityExports.ExportAsync(alice, new EntityExportRequest("xml"), None));
        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Contains("jsonl, csv, parquet", refused.Message);

        var (download, bytes) = await ExportAsync(alice, new EntityExportRequest("parquet", "task"));
        Assert.Equal("entities-task.parquet", download.FileName);
        var path = Path.Combine(_folder, "task.parquet");
        await File.WriteAllBytesAsync(path, bytes);
        var report = (await DuckDbOracle.ReadAsync(path)).Single();
        Assert.Equal(0, report.Rows);
        Assert.Contains(report.Columns, c => c.Name == "due_date" || c.Name == "title");
    }

    public void Dispose()
    {
        _strata?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
