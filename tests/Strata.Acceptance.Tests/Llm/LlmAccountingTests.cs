using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Llm;
using Strata.FakeLlm;
using Strata.Llm;
using Strata.Llm.Accounting;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Llm.Resilience;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>Model calls over real HTTP to the fake provider, accounted as the run pipeline accounts them: the budget
/// checked before each call, each call recorded with its tokens and cost; usage per billing month sums them.</summary>
public sealed class LlmAccountingTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private static string Config(FakeLlmServer fake, string budget) =>
        """{"Plans": {"free": {"LlmBudgetPerMonth": """ + $"\"{budget}\"" + """}}, "Llm": {"DefaultModel": "fake/gpt-4o-mini", "Providers": {"fake": {"Kind": "openai", "BaseUrl": """
        + $"\"{fake.OpenAiBaseUrl}\"" + "}}}}";

    /// <summary>What the pipeline does per call: the budget first, then the call, then its record (failed calls too).</summary>
    private static async Task<ExtractionResponse> CallAsync(TestStrata strata, string user, string text)
    {
        var accounting = strata.Services.LlmAccounting;
        await accounting.EnsureWithinBudgetAsync(user, 0m, None);
        var chosen = await strata.Services.Models.ChooseAsync(user, null, null, None);
        var options = LlmConfiguration.Read(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(strata.DataDirectory, "strata.json")).Build());
        var factory = new LlmClientFactory(Http, options with { Retry = new RetryOptions { MaxAttempts = 1 } }, strata.Clock, NullLoggerFactory.Instance);
        var client = factory.Create(options.Providers[chosen.Provider.Name], chosen.UserKey is null ? null : new ApiKey(chosen.UserKey));
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"items":{"type":"array"}},"required":["items"],"additionalProperties":false}""").RootElement;
        var response = await client.ExtractAsync(new ExtractionRequest(chosen.Model, "Extract.", text, "record", schema, 200), None);
        await accounting.RecordAsync(new LlmCallUsage(user, null, [], chosen.Provider.Name, chosen.Model, response.Usage.Input, response.Usage.Output,
            response.Usage.CacheRead, response.Usage.CacheWrite, CallCost.Of(response.Usage, chosen.Model, PriceTable.Defaults), response.Latency,
            response.Parsed ? "ok" : "parse_failed", strata.Clock.GetUtcNow()), None);
        return response;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_call_over_the_monthly_budget_is_refused_before_it_reaches_the_provider(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: Config(fake, "0.000001"));
        var user = await strata.UserAsync("alice");
        var first = await CallAsync(strata, user, "<item id=\"1\">Ada Lovelace wrote the first program, long ago, in 1843.</item>");
        Assert.True(first.Usage.Total > 0);
        var requests = fake.Requests.Count;

        var refused = await Assert.ThrowsAsync<StrataException>(() => CallAsync(strata, user, "<item id=\"2\">more</item>"));

        Assert.Equal(ErrorCodes.LlmBudgetExceeded, refused.Code);
        Assert.Contains("No model was called", refused.Message);
        Assert.Contains("2024-03", refused.Message);
        Assert.Equal(requests, fake.Requests.Count);
        Assert.Equal(1, (await strata.Services.Usage.GetUsageAsync(user, None)).Llm!.Calls);
        Assert.Contains("strata_llm_budget_refusals_total 1", await strata.Services.RenderMetricsAsync(None));

        // The budget is per billing month: April starts again, and the call goes out.
        strata.Clock.Advance(TimeSpan.FromDays(31));
        await CallAsync(strata, user, "<item id=\"3\">April</item>");
        Assert.Equal(requests + 1, fake.Requests.Count);
    }

    /// <summary>The same refusal made by the run pipeline itself (its pack calls check the budget, with what the call
    /// may cost reserved), not by this test's helper: a budget below one call's reserve, an LLM ingest, and no request.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_llm_run_over_the_monthly_budget_is_refused_by_the_run_before_it_reaches_the_provider(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: """{"Plans": {"free": {"LlmBudgetPerMonth": "0.01"}}}""",
            llm: FakeProvider.Runs(fake, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");

        var refused = await Assert.ThrowsAsync<StrataException>(() => LlmIngestAsync(strata, user, "note.md", "# Ada\nAda Lovelace wrote the first program in 1843.\n"));

        Assert.Equal(ErrorCodes.LlmBudgetExceeded, refused.Code);
        Assert.Contains("No model was called", refused.Message);
        Assert.Empty(fake.Requests);
        var run = Assert.Single((await strata.Services.Sources.ListRunsAsync(user, null, new Strata.Core.Paging(10), CancellationToken.None)).Runs);
        Assert.Equal(("failed", true), (run.Status, (run.Error ?? "").Contains("No model was called", StringComparison.Ordinal)));
        Assert.Equal(0, (await strata.Services.Usage.GetUsageAsync(user, None)).Llm!.Calls);
        Assert.Contains("strata_llm_budget_refusals_total 1", await strata.Services.RenderMetricsAsync(None));
        // Rules-based ingest keeps working, as the message says.
        Assert.Equal("completed", (await strata.IngestTextAsync(user, "people.csv", "name,email\nAlan Turing,alan@example.com\n", type: "contact")).Interpretation.Status);
    }

    private static Task<Strata.Core.Operations.IngestResult> LlmIngestAsync(TestStrata strata, string user, string name, string text) =>
        strata.Services.Ingest.IngestAsync(user, new Strata.Core.Sources.IngestRequest(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), name)
        {
            Llm = true,
        }, None);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Usage_sums_each_billing_months_tokens_and_cost_exactly(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: Config(fake, "25"));
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        var recorder = strata.Services.LlmAccounting;
        LlmCallUsage Call(string user, long input, long output, decimal? cost, string outcome = "ok") =>
            new(user, "run_x", [0, 1], "fake", "gpt-4o-mini", input, output, 3, 5, cost, TimeSpan.FromMilliseconds(250), outcome, strata.Clock.GetUtcNow());

        // Ten concurrent recordings, as several workers would make them.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => recorder.RecordAsync(Call(alice, 1000, 200, 0.0000001m), None)));
        await recorder.RecordAsync(Call(alice, 7, 0, null, "rate_limited"), None);
        await recorder.RecordAsync(Call(bob, 999_999, 999_999, 99m), None);
        strata.Clock.Advance(TimeSpan.FromDays(31));
        await recorder.RecordAsync(Call(alice, 1, 1, 1.5m), None);
        strata.Clock.Advance(TimeSpan.FromDays(-31));

        var march = (await strata.Services.Usage.GetUsageAsync(alice, None)).Llm!;

        Assert.Equal(new Strata.Core.Operations.LlmUsageView(11, 10_007, 2_000, 33, 55, 0.000001m, 1, 25m), march);
        strata.Clock.Advance(TimeSpan.FromDays(31));
        var april = (await strata.Services.Usage.GetUsageAsync(alice, None)).Llm!;
        Assert.Equal((1L, 1.5m), (april.Calls, april.CostUsd));
        var metrics = await strata.Services.RenderMetricsAsync(None);
        Assert.Contains("strata_llm_calls_total{provider=\"fake\",model=\"gpt-4o-mini\",outcome=\"ok\"} 12", metrics);
        Assert.Contains("strata_llm_failures_total{kind=\"rate_limited\"} 1", metrics);
        Assert.Contains("strata_llm_tokens_total{provider=\"fake\",model=\"gpt-4o-mini\",kind=\"input\"}", metrics);
        // A model the configuration does not list is a user's own choice: /metrics (no key needed) counts it as "other".
        await recorder.RecordAsync(Call(bob, 1, 1, null) with { Model = "bobs-private-finetune" }, None);
        var after = await strata.Services.RenderMetricsAsync(None);
        Assert.DoesNotContain("bobs-private-finetune", after);
        Assert.Contains("strata_llm_calls_total{provider=\"fake\",model=\"other\",outcome=\"ok\"} 1", after);
        Assert.Contains("strata_llm_call_duration_seconds_count 13", metrics);
    }
}
