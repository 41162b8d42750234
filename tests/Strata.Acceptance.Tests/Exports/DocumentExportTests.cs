using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Review;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Exports;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>
/// export document and export project: exactly one line per block in the canonical shape, the confirmed value (or a
/// person's edit) as data and a staged value never; CSV and Parquet of the same read back by DuckDB; a project as a
/// ZIP with a file per ingested document; a document not converted yet, or another user's, refused before any byte.
/// </summary>
public sealed class DocumentExportTests : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Edited = """{"topic":"deposit","risk":4,"kind":"payment"}""";
    private ReviewFixture _review = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("strata-docexport-").FullName;

    /// <summary>Five clauses, all answered: 0 confirmed, 1 edited by a person, 2 to 4 staged.</summary>
    private async Task<(string Document, string RunId)> ReviewedAsync(string backend)
    {
        (_review, var document, var runId) = await ReviewFixture.WithRunAsync(backend, 5);
        await _review.Strata.Services.Review.ConfirmAsync(_review.User, runId, 0, None);
        await _review.Strata.Services.Review.EditAsync(_review.User, runId, 1, ReviewFixture.Parse(Edited), None);
        return (document, runId);
    }

    private async Task<(ExportDownload Download, byte[] Bytes)> ExportAsync(Func<Task<ExportDownload>> export)
    {
        var download = await export();
        var destination = new AsyncOnlyStream();
        await download.WriteToAsync(destination, null, None);
        return (download, destination.Received);
    }

    private Task<(ExportDownload Download, byte[] Bytes)> DocumentAsync(string document, string format, string? user = null) =>
        ExportAsync(() => _review.Strata.Services.DocumentExports.ExportDocumentAsync(user ?? _review.User, document, format, None));

    private static List<JsonElement> Lines(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task JsonLinesHaveOneCanonicalLinePerBlockWithConfirmedDataAndStagedValuesLeftOut(string backend)
    {
        var (document, runId) = await ReviewedAsync(backend);

        var (download, bytes) = await DocumentAsync(document, "jsonl");
        var lines = Lines(bytes);

        Assert.Equal(document + ".jsonl", download.FileName);
        var blocks = await _review.Strata.Services.Documents.ListBlocksAsync(_review.User, document, new Core.Paging(100), None);
        Assert.Equal(blocks.Blocks.Select(b => b.BlockUid), lines.Select(l => l.GetProperty("immutable").GetProperty("block").GetProperty("uid").GetString()));
        Assert.Equal(blocks.Blocks.Select(b => b.Content), lines.Select(l => l.GetProperty("immutable").GetProperty("block").GetProperty("content").GetString()));
        var entries = lines.Select(l => Assert.Single(l.GetProperty("user_defined").EnumerateArray())).ToList();
        Assert.All(entries, e => Assert.Equal(ReviewFixture.SchemaRef, e.GetProperty("schema_ref").GetString()));
        Assert.All(entries, e => Assert.Equal(runId, e.GetProperty("run_id").GetString()));
        Assert.Equal(["confirmed", "confirmed", "staged", "staged", "staged"], entries.Select(e => e.GetProperty("state").GetString()));
        Assert.Equal("rent", entries[0].GetProperty("data").GetProperty("topic").GetString());
        Assert.Equal("deposit", entries[1].GetProperty("data").GetProperty("topic").GetString());
        Assert.All(entries.Skip(2), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("data").ValueKind));
        var immutable = lines[0].GetProperty("immutable");
        Assert.Equal("text_offset_range", immutable.GetProperty("block").GetProperty("locator").GetProperty("kind").GetString());
        Assert.Equal(64, immutable.GetProperty("source").GetProperty("sha256").GetString()!.Length);
        Assert.False(string.IsNullOrEmpty(immutable.GetProperty("conversion").GetProperty("conv_uid").GetString()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CsvAndParquetFlattenTheSameRowsAndDuckDbReadsThemBack(string backend)
    {
        var (document, _) = await ReviewedAsync(backend);
        var lines = Lines((await DocumentAsync(document, "jsonl")).Bytes);

        var parquet = Path.Combine(_folder, "document.parquet");
        await File.WriteAllBytesAsync(parquet, (await DocumentAsync(document, "parquet")).Bytes);
        var report = (await DuckDbOracle.ReadAsync(parquet)).Single();
        Assert.Equal(lines.Count, report.Rows);
        var expected = new Dictionary<string, IReadOnlyList<JsonElement?>>
        {
            ["block_uid"] = lines.Select(l => (JsonElement?)l.GetProperty("immutable").GetProperty("block").GetProperty("uid")).ToList(),
            ["block_index"] = lines.Select(l => (JsonElement?)l.GetProperty("immutable").GetProperty("block").GetProperty("index")).ToList(),
            ["content"] = lines.Select(l => (JsonElement?)l.GetProperty("immutable").GetProperty("block").GetProperty("content")).ToList(),
            ["locator"] = lines.Select(l => (JsonElement?)l.GetProperty("immutable").GetProperty("block").GetProperty("locator")).ToList(),
            ["clause-review__data"] = lines.Select(l => (JsonElement?)l.GetProperty("user_defined")[0].GetProperty("data")).ToList(),
            ["clause-review__state"] = lines.Select(l => (JsonElement?)l.GetProperty("user_defined")[0].GetProperty("state")).ToList(),
        };
        foreach (var (column, values) in expected)
        {
            var read = report.Columns.Single(c => c.Name == column);
            Assert.True(ParquetChecksums.Of(read.Type, values) == read.Checksum, $"{column} ({read.Type}): DuckDB read {read.Checksum}");
        }
        Assert.Equal("BIGINT", report.Columns.Single(c => c.Name == "block_index").Type);

        var csv = Path.Combine(_folder, "document.csv");
        await File.WriteAllBytesAsync(csv, (await DocumentAsync(document, "csv")).Bytes);
        var rows = await DuckDbOracle.QueryAsync(
            $"SELECT \"clause-review__data\" AS data, \"clause-review__state\" AS state FROM read_csv('{csv}', header = true, all_varchar = true)");
        Assert.Equal(lines.Count, rows.GetArrayLength());
        Assert.Equal(expected["clause-review__data"].Select(d => d!.Value.ValueKind == JsonValueKind.Null ? null : d.Value.GetRawText()),
            rows.EnumerateArray().Select(r => r.GetProperty("data").ValueKind == JsonValueKind.Null ? null : r.GetProperty("data").GetString()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AProjectIsAZipOfItsIngestedDocumentsAndADocumentNotConvertedOrAnotherUsersIsRefused(string backend)
    {
        var (document, _) = await ReviewedAsync(backend);
        var second = await _review.AddDocumentAsync("notes.md", "# Notes\n\nOne paragraph.\n");
        var pending = (await _review.Strata.Services.Documents.AddFileAsync(_review.User, _review.ProjectId,
            new MemoryStream(Encoding.UTF8.GetBytes("Not yet converted.\n")), "later.md", null, wait: false, None)).Document.DocumentId;

        var notIngested = await Assert.ThrowsAsync<StrataException>(() =>
            _review.Strata.Services.DocumentExports.ExportDocumentAsync(_review.User, pending, "jsonl", None));
        Assert.Equal(ErrorCodes.DocumentNotIngested, notIngested.Code);
        var bob = await _review.Strata.UserAsync("bob");
        var hidden = await Assert.ThrowsAsync<StrataException>(() => _review.Strata.Services.DocumentExports.ExportDocumentAsync(bob, document, "jsonl", None));
        var missing = await Assert.ThrowsAsync<StrataException>(() => _review.Strata.Services.DocumentExports.ExportDocumentAsync(bob, "doc_missing", "jsonl", None));
        Assert.Equal((missing.Code, missing.Message.Replace("doc_missing", "ID")), (hidden.Code, hidden.Message.Replace(document, "ID")));
        Assert.Equal(ErrorCodes.DocumentNotFound, hidden.Code);

        var (download, bytes) = await ExportAsync(() => _review.Strata.Services.DocumentExports.ExportProjectAsync(_review.User, "Contracts", "jsonl", None));
        Assert.Equal("application/zip", download.MediaType);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(new[] { $"documents/{document}.jsonl", $"documents/{second}.jsonl" }.Order(), zip.Entries.Select(e => e.FullName).Order());
        using var reader = new StreamReader(zip.GetEntry($"documents/{second}.jsonl")!.Open());
        var secondLines = Lines(Encoding.UTF8.GetBytes(await reader.ReadToEndAsync()));
        Assert.Equal(2, secondLines.Count);
        Assert.All(secondLines, l => Assert.Empty(l.GetProperty("user_defined").EnumerateArray()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_review is not null) await _review.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
