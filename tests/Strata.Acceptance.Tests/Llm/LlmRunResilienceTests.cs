using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Sources;
using Strata.FakeLlm;
using Strata.Core.Extraction.Packing;
using Strata.Core.Extraction;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>What an LLM run rides out and what it keeps when it cannot: 429 storms, malformed answers (split down to the
/// one item that fails, with its raw output), refused keys (the run fails at once), and no model configured.</summary>
public sealed class LlmRunResilienceTests
{
    /// <summary>Four sections, so four items; with the default caps they travel in one pack.</summary>
    private static string Sections(string third = "Nothing special.") => string.Join("\n\n",
        "# One\nThe first section.", "# Two\nThe second section.", $"# Three\n{third}", "# Four\nThe fourth section.") + "\n";

    private static Task<IngestResult> IngestAsync(TestStrata strata, string user, string text, string name = "notes.md") =>
        strata.Services.Ingest.IngestAsync(user, new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(text)), name) { Llm = true }, CancellationToken.None);

    private static async Task<IReadOnlyList<RunItem>> ItemsAsync(TestStrata strata, string user, string runId)
    {
        await using var session = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None);
        return (await session.RunItems.ListAsync(runId, null, new Paging(100), CancellationToken.None)).Items;
    }

    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task A_storm_of_429s_is_ridden_out_and_every_item_completes(string backend, string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Status(429, retryAfter: "0"), times: 6);
        // Items of one per pack, two packs at a time: the storm hits calls in parallel.
        var options = new LlmRunOptions { Packs = new PackCaps(1, 6_000, 3_000), ParallelPacks = 2 };
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, format, options));
        var user = await strata.UserAsync("alice");

        var result = await IngestAsync(strata, user, Sections());

        Assert.Equal(RunStatuses.Completed, result.Interpretation.Status);
        var items = await ItemsAsync(strata, user, result.Interpretation.RunId!);
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.Equal(RunItemStatuses.Completed, i.Status));
        Assert.Equal(4 + 6, server.Requests.Count); // one answer per item, after six refusals
    }

    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task A_malformed_answer_splits_its_pack_and_the_failing_item_keeps_its_raw_output(string backend, string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.When("POISON", FakeReply.Text("I would rather not answer in JSON today."));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, format));
        var user = await strata.UserAsync("alice");
        var text = Sections(third: "POISON pill.");

        var result = await IngestAsync(strata, user, text);

        Assert.Equal(RunStatuses.Completed, result.Interpretation.Status);
        Assert.Equal(1, result.Interpretation.ItemsFailed);
        Assert.StartsWith("1 of 4 items failed", result.Interpretation.Error);
        var run = await strata.Services.Sources.GetRunAsync(user, result.Interpretation.RunId!, CancellationToken.None);
        Assert.Equal((4, 3, 1), (run.Items!.Total, run.Items.Completed, run.Items.Failed));
        var failed = Assert.Single(run.Items.Failures);
        Assert.Contains("POISON", text.Substring(failed.CharStart, failed.CharLength));
        Assert.Contains("I would rather not answer in JSON today.", failed.RawOutput);
        Assert.NotNull(failed.Error);
        Assert.True(failed.Calls >= 3, "the pack of four, its half of two, then the item alone");
        // Four items in one call, then halves of two, then the poisoned item alone: 1 + 2 + 2.
        Assert.Equal(5, server.Requests.Count);
        // Every call's tokens are on some item: the run's totals add up what the fake reported.
        Assert.True(run.Items.InputTokens > 0);
    }

    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task A_run_whose_every_item_failed_ends_failed_and_says_how_many(string backend, string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Text("No JSON from me, ever."));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, format));
        var user = await strata.UserAsync("alice");

        var result = await IngestAsync(strata, user, Sections());

        Assert.Equal(RunStatuses.Failed, result.Interpretation.Status);
        Assert.Equal(4, result.Interpretation.ItemsFailed);
        Assert.StartsWith("Every item failed (4 of 4)", result.Interpretation.Error);
        Assert.Equal(0, result.Interpretation.ObservationsCreated);
        var run = await strata.Services.Sources.GetRunAsync(user, result.Interpretation.RunId!, CancellationToken.None);
        Assert.Equal(RunStatuses.Failed, run.Status);
        Assert.Equal((4, 0, 4), (run.Items!.Total, run.Items.Completed, run.Items.Failed));
    }

    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task A_run_with_no_item_failed_is_completed_with_no_error_and_none_failed(string backend, string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, format));
        var user = await strata.UserAsync("alice");

        var result = await IngestAsync(strata, user, Sections());

        Assert.Equal(RunStatuses.Completed, result.Interpretation.Status);
        Assert.Equal(0, result.Interpretation.ItemsFailed);
        Assert.Null(result.Interpretation.Error);
    }

    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task A_refused_key_fails_the_run_at_once_with_LLM_AUTH_FAILED_and_releases_its_items(string backend, string format)
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { RequiredApiKey = "the-right-key" });
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, format));
        var user = await strata.UserAsync("alice");

        var failure = await Assert.ThrowsAsync<StrataException>(() => IngestAsync(strata, user, Sections()));

        Assert.Equal(ErrorCodes.LlmAuthFailed, failure.Code);
        Assert.Single(server.Requests); // no retry storm
        var run = (await strata.Services.Sources.ListRunsAsync(user, null, new Paging(), CancellationToken.None)).Runs.Single();
        Assert.Equal(RunStatuses.Failed, run.Status);
        Assert.StartsWith("LLM_AUTH_FAILED: ", run.Error);
        Assert.All(await ItemsAsync(strata, user, run.RunId), i => Assert.Equal(RunItemStatuses.Pending, i.Status));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task With_no_model_configured_an_LLM_ingest_says_how_to_configure_one_and_the_rules_path_works(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");

        var failure = await Assert.ThrowsAsync<StrataException>(() => IngestAsync(strata, user, Sections()));

        Assert.Equal(ErrorCodes.LlmNotConfigured, failure.Code);
        Assert.Contains("STRATA_LLM__DEFAULTMODEL", failure.Message);
        Assert.Equal(0, strata.Counts()["sources"]); // refused as a whole
        var rules = await strata.IngestTextAsync(user, "people.csv", "name,email\nAda,ada@example.com\n", type: "contact");
        Assert.Equal(RunStatuses.Completed, rules.Interpretation.Status);
    }
}
