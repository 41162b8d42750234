using Strata.FakeLlm;
using Strata.Llm.Accounting;
using Strata.Llm.Tests.Support;

namespace Strata.Llm.Tests.Accounting;

public sealed class UsageRecordTests
{
    [Fact]
    public async Task A_call_becomes_a_usage_record_priced_from_its_tokens()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Truncated("""{"name":"""));
        var answer = await Clients.Anthropic(server).ExtractAsync(Requests.Extract(), CancellationToken.None);
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        var record = UsageRecord.For("anthropic", answer, "claude-sonnet-4-5", PriceTable.Defaults, at);

        Assert.Equal("max_tokens", record.Outcome);
        Assert.Equal(answer.Usage, record.Usage);
        Assert.Equal(CallCost.Of(answer.Usage, new ModelPrice(3m, 15m, 0.30m, 3.75m)), record.Cost);
        Assert.True(record.Cost > 0);
        Assert.Equal("2026-11", record.BillingMonth);
    }
}
