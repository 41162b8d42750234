using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Extraction;
using Strata.Core.Usage;
using Strata.FakeLlm;
using Strata.Llm.Accounting;
using Strata.Llm.Configuration;
using Strata.Llm.Hosting;
using Strata.Llm.Tests.Support;

namespace Strata.Llm.Tests.Accounting;

/// <summary>What the core records of a call (its accounting row, built in Core's <c>PackCalls</c> and <c>TextGeneration</c>)
/// is priced through the models port, from the tokens the provider reported, in the billing month of the call.</summary>
public sealed class CallPricingTests
{
    [Fact]
    public async Task A_call_is_priced_from_its_tokens_through_the_models_port()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Truncated("""{"name":"""));
        var answer = await Clients.Anthropic(server).ExtractAsync(Requests.Extract(), CancellationToken.None);
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var models = LlmModels.Create(new LlmOptions(), new LlmRunOptions(), TimeProvider.System, NullLoggerFactory.Instance).Models;

        var cost = models.Cost(answer.Usage, "claude-sonnet-4-5");

        Assert.Equal(CallCost.Of(answer.Usage, new ModelPrice(3m, 15m, 0.30m, 3.75m)), cost);
        Assert.True(cost > 0);
        Assert.Null(models.Cost(answer.Usage, "a-model-with-no-price"));
        Assert.Equal("2026-11", BillingMonth.Of(at));
    }
}
