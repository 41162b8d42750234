using System.IO.Compression;
using Strata.Acceptance.Tests.Review;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>export project --format parquet-dataset: confirmed block values in Hive folders by schema_ref and
/// block_type, which DuckDB reads as one table with one query; staged values are not in it.</summary>
public sealed class DatasetExportTests : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private ReviewFixture _review = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("strata-dataset-test-").FullName;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task DuckDbReadsTheConfirmedValuesOfEveryDocumentAsOneTablePartitionedBySchemaAndBlockType(string backend)
    {
        _review = await ReviewFixture.StartAsync(backend);
        await _review.RegisterSchemaAsync();
        var lease = await _review.AddDocumentAsync("lease.md", "# Lease\n\nClause 1: The tenant pays rent.\n\n- Keys returned at the end.\n\nClause 2: No pets.\n");
        var notes = await _review.AddDocumentAsync("notes.md", "Clause 9: Notes about the deposit.\n");
        var runs = new List<string>();
        foreach (var document in new[] { lease, notes })
        {
            runs.Add((await _review.Strata.Services.Review.StartRunAsync(_review.User, document, ReviewFixture.SchemaRef, null, null, None)).Run.RunId);
        }
        await _review.WorkAsync();
        // Everything confirmed but the lease's last clause, which stays staged.
        var staged = (await _review.ValuesAsync(runs[0])).Max(v => v.BlockIndex);
        foreach (var run in runs)
        {
            foreach (var value in await _review.ValuesAsync(run))
            {
                if (run != runs[0] || value.BlockIndex != staged) await _review.Strata.Services.Review.ConfirmAsync(_review.User, run, value.BlockIndex, None);
            }
        }

        var written = await _review.Strata.Services.DatasetExports.WriteToDirectoryAsync(_review.User, "Contracts", _folder, null, None);

        Assert.Equal(4, written);
        var glob = Path.Combine(_folder, "**", "*.parquet");
        var counts = await DuckDbOracle.QueryAsync(
            $"SELECT schema_ref, block_type, count(*)::INTEGER AS n FROM read_parquet('{glob}', hive_partitioning = 1) GROUP BY ALL ORDER BY ALL");
        Assert.Equal(["clause-review/heading/1", "clause-review/list_item/1", "clause-review/paragraph/2"],
            counts.EnumerateArray().Select(r => $"{r.GetProperty("schema_ref").GetString()}/{r.GetProperty("block_type").GetString()}/{r.GetProperty("n").GetInt32()}"));
        var clauses = await DuckDbOracle.QueryAsync(
            $"SELECT content, data->>'topic' AS topic FROM read_parquet('{glob}', hive_partitioning = 1) WHERE block_type = 'paragraph' ORDER BY content");
        Assert.Equal(["Clause 1: The tenant pays rent.", "Clause 9: Notes about the deposit."], clauses.EnumerateArray().Select(r => r.GetProperty("content").GetString()!)
            .Where(c => c.StartsWith("Clause 1") || c.StartsWith("Clause 9")));
        Assert.DoesNotContain(clauses.EnumerateArray(), r => r.GetProperty("content").GetString()!.Contains("No pets"));
        Assert.All(clauses.EnumerateArray(), r => Assert.Equal("rent", r.GetProperty("topic").GetString()));

        var download = await _review.Strata.Services.DatasetExports.ExportAsync(_review.User, "Contracts", None);
        var destination = new AsyncOnlyStream();
        await download.WriteToAsync(destination, null, None);
        using var zip = new ZipArchive(new MemoryStream(destination.Received), ZipArchiveMode.Read);
        Assert.Equal(Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_folder, f)).Order(),
            zip.Entries.Select(e => e.FullName).Order());
    }

    public async ValueTask DisposeAsync()
    {
        if (_review is not null) await _review.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
