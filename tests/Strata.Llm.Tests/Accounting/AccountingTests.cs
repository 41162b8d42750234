using Microsoft.Extensions.Configuration;
using Strata.Core.Configuration;
using Strata.Core.Errors;
using Strata.Llm.Accounting;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;

namespace Strata.Llm.Tests.Accounting;

public sealed class AccountingTests
{
    [Fact]
    public void Cost_sums_every_kind_of_token_at_its_own_price_exactly()
    {
        var usage = new TokenUsage(Input: 1_234, Output: 567, CacheRead: 10_000, CacheWrite: 2_000);
        // 1234*3 + 567*15 + 10000*0.30 + 2000*3.75 = 3702 + 8505 + 3000 + 7500 = 22707 per million.
        Assert.Equal(0.022707m, CallCost.Of(usage, new ModelPrice(3m, 15m, 0.30m, 3.75m)));
    }

    [Fact]
    public void A_dated_model_id_takes_the_price_of_its_family_and_an_unknown_model_has_none()
    {
        Assert.Equal(3m, PriceTable.Defaults.Find("claude-sonnet-4-5-20250929")!.Input);
        Assert.Equal(0.15m, PriceTable.Defaults.Find("gpt-4o-mini-2024-07-18")!.Input);
        Assert.Null(CallCost.Of(new TokenUsage(10, 10, 0, 0), "llama3.1:8b", PriceTable.Defaults));
    }

    [Fact]
    public void Configured_prices_add_models_and_override_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Prices:llama3.1:Input"] = "0",
            ["Llm:Prices:llama3.1:Output"] = "0",
            ["Llm:Prices:gpt-4o:Input"] = "2.00",
            // An Ollama name with a colon, as strata.json {"llama3.2:3b": {...}} arrives in configuration.
            ["Llm:Prices:llama3.2:3b:Input"] = "0.01",
        }).Build();

        var prices = PriceTable.From(configuration);

        Assert.Equal(0m, CallCost.Of(new TokenUsage(1000, 1000, 0, 0), "llama3.1", prices));
        Assert.Equal(2.00m, prices.Find("gpt-4o")!.Input);
        Assert.Equal(15m, prices.Find("claude-sonnet-4")!.Output);
        Assert.Equal(0.01m, prices.Find("llama3.2:3b")!.Input);
    }

    [Fact]
    public void A_price_that_is_not_a_number_names_its_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Llm:Prices:m:Input"] = "three" }).Build();
        var error = Assert.Throws<StrataConfigurationException>(() => PriceTable.From(configuration));
        Assert.Contains("Llm:Prices:m:Input", error.Message);
    }
}
