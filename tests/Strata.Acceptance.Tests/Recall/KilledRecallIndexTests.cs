using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Jobs;
using Strata.Core.Recall;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// The background index run of documents converted before the recall index existed, killed with SIGKILL between two
/// documents on both databases: the first document stays indexed and counted ("1 of 2"), and the next worker indexes the
/// other, after which recall finds every message once and says nothing is pending. The store is made as an old one
/// would be: the messages' units removed and their documents listed as pending, as migration 0060 listed them.
/// </summary>
public sealed class KilledRecallIndexTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_index_run_killed_between_documents_resumes_with_its_progress_and_every_unit_once(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: """{"Worker": {"CallerLeaseDuration": "2", "LeaseDuration": "2"}}""");
        var alice = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(alice,
            new Strata.Core.Imports.ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), Strata.Core.Imports.ChatProviders.Messages, "friends.jsonl", FullPass: false),
            null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var units = strata.Rows("SELECT document_id, block_index FROM recall_units ORDER BY document_id, block_index");
        Assert.Equal(10, units.Count);
        strata.Execute("DELETE FROM recall_posting_lists");
        strata.Execute("DELETE FROM recall_units");
        strata.Execute("INSERT INTO recall_pending_documents (user_id, document_id) SELECT DISTINCT user_id, document_id FROM document_blocks");
        await strata.Services.Store.Jobs.EnqueueAsync(RecallIndexBackfillJobHandler.Request(alice, "upgraded"), CancellationToken.None);
        string[] database = strata.PostgresConnectionString is { } url ? ["--database", url] : [];

        var marker = Path.Combine(strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt("recall-index-page", marker, strata.DataDirectory, [.. database, "worker", "--once"]))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the index run never reached its second document: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }
        Assert.Equal(["indexed=1", "indexed=0"], strata.Rows("SELECT indexed FROM recall_pending_documents ORDER BY document_id"));
        Assert.Equal(5, strata.Rows("SELECT document_id FROM recall_units").Count); // the first conversation, not the second
        var during = await strata.Services.Recall.RecallAsync(alice, new RecallRequest("adoption agency"), CancellationToken.None);
        Assert.Contains(during.PartialReasons, r => r.StartsWith("1 of 2 document(s) converted before the recall index existed are indexed", StringComparison.Ordinal));

        var probe = new StoreProbe(strata.DataDirectory, strata.PostgresConnectionString);
        var expires = await probe.LeaseExpiryAsync(JobKinds.IndexRecall);
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expires.AddSeconds(1)), "the killed worker's lease lapsed");
        await Eventually.TrueAsync(async () =>
        {
            var worker = await new StrataProcess(strata.DataDirectory).RunAsync([.. database, "worker", "--once"]);
            Assert.True(worker.Exit == 0, worker.Error);
            return strata.Rows("SELECT document_id FROM recall_pending_documents").Count == 0;
        }, "a worker resumed the index run");

        Assert.Equal(units, strata.Rows("SELECT document_id, block_index FROM recall_units ORDER BY document_id, block_index"));
        var after = await strata.Services.Recall.RecallAsync(alice, new RecallRequest("adoption agency", Kinds: [RecallKinds.Message]), CancellationToken.None);
        Assert.False(after.Partial, string.Join(" ", after.PartialReasons));
        Assert.Equal("s1-1", after.Results[0].Provenance.MessageId);
    }
}
