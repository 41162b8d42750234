using System.Text;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Documents;

/// <summary>
/// A document conversion killed with SIGKILL in the middle (it says so itself, at a hold point inside its second batch's
/// transaction, the first batch committed) is taken back by the next worker once the killed command's lease lapses, and
/// starts over: afterwards the document holds every block once, exactly as a conversion never killed writes it (the
/// blocks and their recall index compared row by row), and no row names a document that is gone. The leases are set
/// short in strata.json only so the test need not wait the default ones out.
/// </summary>
public sealed class KilledConversionTests
{
    private const int Paragraphs = 1_200;

    private const string Settings = """{"Worker": {"CallerLeaseDuration": "2", "LeaseDuration": "2"}}""";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_conversion_killed_mid_batch_is_started_over_by_the_next_worker_with_every_block_once(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: Settings);
        var alice = await strata.UserAsync("alice");
        var project = (await strata.Services.Projects.CreateAsync(alice, "Leases", CancellationToken.None)).ProjectId;
        var file = Path.Combine(strata.DataDirectory, "lease.md");
        await File.WriteAllTextAsync(file, Text(), new UTF8Encoding(false));
        string[] database = strata.PostgresConnectionString is { } url ? ["--database", url] : [];

        var marker = Path.Combine(strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt("conversion-batch", marker, strata.DataDirectory,
            [.. database, "--user", "alice", "ingest", "--project", project, file]))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the conversion never reached its second batch: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        var probe = new StoreProbe(strata.DataDirectory, strata.PostgresConnectionString);
        // The first batch is committed, nothing of the second; the document is left converting.
        Assert.Equal(500, strata.Counts()["document_blocks"]);
        Assert.Equal("converting", await probe.ScalarAsync<string>("SELECT status FROM documents"));

        var expires = await probe.LeaseExpiryAsync("convert_document");
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expires.AddSeconds(1)), "the killed command's lease lapsed");
        await Eventually.TrueAsync(async () =>
        {
            var worker = await new StrataProcess(strata.DataDirectory).RunAsync([.. database, "worker", "--once"]);
            Assert.True(worker.Exit == 0, worker.Error);
            return await probe.ScalarAsync<string>("SELECT status FROM documents") == "ingested";
        }, "a worker converted the document again");

        Assert.Equal((long)Paragraphs, await probe.ScalarAsync<long>("SELECT block_count FROM documents"));
        using var clean = TestStrata.Create(backend);
        var cleanAlice = await clean.UserAsync("alice");
        await clean.Services.Projects.CreateAsync(cleanAlice, "Leases", CancellationToken.None);
        await clean.Services.Documents.AddFileAsync(cleanAlice, "Leases", new MemoryStream(Encoding.UTF8.GetBytes(Text())), "lease.md", null, wait: true,
            CancellationToken.None);
        foreach (var table in new[] { "document_blocks", "recall_units", "recall_pending_documents" })
        {
            Assert.Equal(clean.Counts()[table], strata.Counts()[table]);
        }
        // Every unit's postings once: the lists' rows depend on how the blocks were batched, their bytes do not.
        const string postings = "SELECT term, SUM(LENGTH(postings)) AS bytes FROM recall_posting_lists GROUP BY term ORDER BY term";
        Assert.Equal(clean.Rows(postings), strata.Rows(postings));
        Assert.Equal(strata.Rows("SELECT block_index, content FROM document_blocks ORDER BY block_index"), clean.Rows("SELECT block_index, content FROM document_blocks ORDER BY block_index"));
        Assert.Empty(strata.Rows("SELECT b.block_uid FROM document_blocks b WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = b.document_id)"));
        Assert.Empty(EntityOrphans.Of(strata));
    }

    private static string Text() =>
        string.Join("\n\n", Enumerable.Range(0, Paragraphs).Select(i => $"Clause {i:D4}: the tenant keeps the garden in order, season {i}.")) + "\n";
}
