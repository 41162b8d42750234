using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Review;

/// <summary>
/// A block run's worker killed with SIGKILL in the middle (it says so itself, at a hold point inside its second pack's
/// commit, the first committed) leaves the first pack's values staged and nothing of the second; once its job lease and
/// block claims lapse, the next worker finishes the run: every block answered once (one value per block, no duplicate,
/// no run item left claimed), the run completed, and no value names a block or run that is gone. The leases are set
/// short in strata.json only so the test need not wait the default ones out.
/// </summary>
public sealed class KilledBlockRunWorkerTests
{
    private const int Blocks = 40;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_block_run_worker_killed_mid_run_leaves_whole_packs_and_the_next_worker_answers_every_block_once(string backend)
    {
        await using var model = await FakeLlmServer.StartAsync();
        model.Script.Reply(FakeReply.EchoFields(ReviewFixture.Answer));
        using var strata = TestStrata.Create(backend, configurationJson: $$"""
            {"Worker": {"CallerLeaseDuration": "2", "LeaseDuration": "2"},
             "Llm": {"DefaultModel": "fake/claude-sonnet-4-5", "Run": {"ParallelPacks": "1", "BlockClaimLease": "2"},
                     "Providers": {"fake": {"Kind": "anthropic", "BaseUrl": "{{model.BaseUrl}}", "ApiKey": "fake-key"} } } }
            """);
        var alice = await strata.UserAsync("alice");
        await strata.Services.Projects.CreateAsync(alice, "Contracts", CancellationToken.None);
        var document = (await strata.Services.Documents.AddFileAsync(alice, "Contracts", new MemoryStream(Encoding.UTF8.GetBytes(ReviewFixture.Paragraphs(Blocks))),
            "lease.md", null, wait: true, CancellationToken.None)).Document.DocumentId;
        await strata.Services.BlockSchemas.RegisterAsync(alice, ReviewFixture.Parse(ReviewFixture.SchemaJson), newVersion: false, CancellationToken.None);
        string[] database = strata.PostgresConnectionString is { } url ? ["--database", url] : [];

        var marker = Path.Combine(strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt("block-commit", marker, strata.DataDirectory,
            [.. database, "--user", "alice", "review", "run", document, ReviewFixture.SchemaRef, "--wait"]))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the run never reached its second pack: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        var probe = new StoreProbe(strata.DataDirectory, strata.PostgresConnectionString);
        var staged = await probe.ScalarAsync<long>("SELECT COUNT(*) FROM block_values");
        Assert.InRange(staged, 1, Blocks - 1);
        Assert.Equal(staged, await probe.ScalarAsync<long>("SELECT COUNT(*) FROM run_items WHERE status = 'completed'"));
        Assert.Equal("running", await probe.ScalarAsync<string>("SELECT status FROM runs WHERE interpreter = 'llm-blocks'"));

        await Eventually.TrueAsync(async () =>
        {
            var worker = await new StrataProcess(strata.DataDirectory).RunAsync([.. database, "worker", "--once"]);
            Assert.True(worker.Exit == 0, worker.Error);
            return await probe.ScalarAsync<string>("SELECT status FROM runs WHERE interpreter = 'llm-blocks'") == "completed";
        }, "a worker finished the run once the killed one's leases lapsed");

        Assert.Equal((long)Blocks, await probe.ScalarAsync<long>("SELECT COUNT(*) FROM block_values"));
        Assert.Equal((long)Blocks, await probe.ScalarAsync<long>("SELECT COUNT(DISTINCT block_uid) FROM block_values"));
        Assert.Equal((long)Blocks, await probe.ScalarAsync<long>("SELECT COUNT(*) FROM run_items WHERE status = 'completed'"));
        Assert.Equal(0L, await probe.ScalarAsync<long>("SELECT COUNT(*) FROM run_items WHERE status <> 'completed'"));
        Assert.Equal(0L, await probe.ScalarAsync<long>(
            "SELECT COUNT(*) FROM block_values v WHERE NOT EXISTS (SELECT 1 FROM document_blocks b WHERE b.block_uid = v.block_uid) " +
            "OR NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = v.run_id)"));
        Assert.Empty(EntityOrphans.Of(strata));
    }
}
