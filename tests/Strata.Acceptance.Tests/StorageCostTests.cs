using System.Globalization;
using Strata.Acceptance.Tests.Chat;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core.Usage;
using Xunit.Abstractions;

namespace Strata.Acceptance.Tests;

/// <summary>The storage quota charges what sources really cost (<see cref="StorageCost"/>): many tiny items, which
/// cost rows and files rather than payload, show in <c>usage</c> within a small factor of the bytes they really
/// wrote to the database and the blob store, measured.</summary>
public sealed class StorageCostTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>How far <c>usage</c> may be from the bytes really written, either way. Payload-only counting was off by
    /// a factor of about 50 for empty conversations (1.4 GB written, 28 MiB counted).</summary>
    private const double Factor = 2.0;

    private const int Conversations = 400;
    private const int Files = 200;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Many_tiny_conversations_and_files_show_in_usage_within_a_factor_of_what_they_wrote(string backend)
    {
        // Room for every file's interpretation (the free plan's 100 a month would refuse the rest).
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"InterpretationsPerMonth": 1000}}}""", backend: backend);
        var user = await strata.UserAsync("alice");
        var databaseBefore = DatabaseBytes(strata);
        var blobsBefore = BlobBytes(strata);

        var export = ChatExports.Claude(Enumerable.Range(1, Conversations)
            .Select(i => ($"tiny-{i}", $"T{i}", new[] { ("human", $"hi {i}", "2024-01-05T08:00:00Z") })).ToArray());
        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(export, "claude", null, FullPass: false), null, None);
        for (var i = 0; i < Files; i++) await strata.IngestTextAsync(user, $"f{i}.txt", $"{i}\n");
        while (await strata.RunDueJobsAsync() > 0)
        {
        }

        var written = DatabaseBytes(strata) - databaseBefore + BlobBytes(strata) - blobsBefore;
        var usage = (await strata.Services.Usage.GetUsageAsync(user, None)).BytesStored;
        var payload = long.Parse(strata.Rows("SELECT SUM(byte_size) AS n FROM sources").Single()["n=".Length..], CultureInfo.InvariantCulture);
        output.WriteLine($"{backend}: {Conversations + Files} sources, payload {payload} B, usage {usage} B, written {written} B " +
            $"({(double)written / (Conversations + Files):F0} B a source, written/usage {(double)written / usage:F2})");

        Assert.Equal(StorageCost.Of(payload, Conversations + Files), usage);
        Assert.InRange((double)written / usage, 1 / Factor, Factor);
    }

    /// <summary>The database's size: SQLite's pages (as the connection sees them, WAL included), or PostgreSQL's
    /// database on disk (this test's own database).</summary>
    private static long DatabaseBytes(TestStrata strata) => long.Parse((strata.Backend == Backends.Sqlite
        ? strata.Rows("SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()")
        : strata.Rows("SELECT pg_database_size(current_database()) AS n")).Single()["n=".Length..], CultureInfo.InvariantCulture);

    /// <summary>The blob files as the disk holds them: each at least one 4 KiB block.</summary>
    private static long BlobBytes(TestStrata strata)
    {
        var root = Path.Combine(strata.DataDirectory, "sources");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => (new FileInfo(f).Length + 4095) / 4096 * 4096)
            : 0;
    }
}
