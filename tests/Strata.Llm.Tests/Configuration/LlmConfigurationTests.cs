using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Configuration;
using Strata.FakeLlm;
using Strata.Llm.Configuration;
using Strata.Llm.Tests.Support;

namespace Strata.Llm.Tests.Configuration;

public sealed class LlmConfigurationTests
{
    private static IConfiguration Of(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public async Task Strata_llm_environment_variables_configure_a_provider_that_answers()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { RequiredApiKey = "env-key" });
        // A prefix unique to this test stands in for STRATA_, so parallel tests do not see each other's variables.
        var prefix = $"STRATA_T{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable($"{prefix}LLM__DEFAULTMODEL", "fake/claude-sonnet-4-5");
        Environment.SetEnvironmentVariable($"{prefix}LLM__PROVIDERS__FAKE__KIND", "anthropic");
        Environment.SetEnvironmentVariable($"{prefix}LLM__PROVIDERS__FAKE__BASEURL", server.BaseUrl.ToString());
        Environment.SetEnvironmentVariable($"{prefix}LLM__PROVIDERS__FAKE__APIKEY", "env-key");
        Environment.SetEnvironmentVariable($"{prefix}LLM__RETRY__MAXATTEMPTS", "2");
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

        var options = LlmConfiguration.Read(configuration);
        var choice = ModelSelector.Select(null, null, null, options);
        var client = new LlmClientFactory(Clients.Http, options, TimeProvider.System, NullLoggerFactory.Instance).Create(choice.Provider);
        var answer = await client.ExtractAsync(Requests.Extract() with { Model = choice.Model.Model }, CancellationToken.None);

        Assert.Equal("server", choice.ChosenBy);
        Assert.Equal(2, options.Retry.MaxAttempts);
        Assert.True(answer.Parsed);
        Assert.Equal("claude-sonnet-4-5", (string?)Assert.Single(server.Requests).Json["model"]);
    }

    [Fact]
    public void An_openai_compatible_local_server_needs_no_key_and_model_names_keep_their_slashes()
    {
        var options = LlmConfiguration.Read(Of(new()
        {
            ["Llm:Providers:vllm:BaseUrl"] = "http://localhost:8000/v1",
            ["Llm:DefaultModel"] = "vllm/meta-llama/Llama-3.1-8B-Instruct",
        }));

        var choice = ModelSelector.Select(null, null, null, options);

        Assert.Equal(ProviderKind.OpenAi, choice.Provider.Kind);
        Assert.Null(choice.Provider.ApiKey);
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", choice.Model.Model);
    }

    [Fact]
    public void How_long_a_dead_workers_block_claims_and_call_slots_hold_are_settings()
    {
        var defaults = Strata.Core.Extraction.LlmRunOptions.Read(Of(new()));
        var set = Strata.Core.Extraction.LlmRunOptions.Read(Of(new()
        {
            ["Llm:Run:BlockClaimLease"] = "90",
            ["Llm:Concurrency:SlotLease"] = "120",
        }));

        Assert.Equal(TimeSpan.FromMinutes(10), defaults.BlockClaimLease);
        Assert.Equal(TimeSpan.FromSeconds(90), set.BlockClaimLease);
        Assert.Equal(TimeSpan.FromSeconds(120), set.Calls.Lease);
    }

    [Theory]
    [InlineData("Llm:Providers:x:Kind", "gemini", "Llm:Providers:x:Kind")]
    [InlineData("Llm:Providers:x:BaseUrl", "localhost:11434", "Llm:Providers:x:BaseUrl")]
    [InlineData("Llm:DefaultModel", "just-a-model", "Llm:DefaultModel")]
    [InlineData("Llm:Retry:MaxAttempts", "0", "MaxAttempts")]
    public void A_setting_that_cannot_mean_anything_names_its_key(string key, string value, string named)
    {
        var error = Assert.Throws<StrataConfigurationException>(() => LlmConfiguration.Read(Of(new() { [key] = value })));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void A_configured_key_never_shows_in_the_options_when_printed()
    {
        var options = LlmConfiguration.Read(Of(new() { ["Llm:Providers:anthropic:ApiKey"] = "sk-ant-hidden" }));
        Assert.DoesNotContain("sk-ant-hidden", options.Providers["anthropic"].ToString());
        Assert.Equal(ProviderKind.Anthropic, options.Providers["anthropic"].Kind);
    }
}
