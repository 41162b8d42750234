using Strata.Core.Errors;
using Strata.Llm.Configuration;

namespace Strata.Llm.Tests.Configuration;

public sealed class ModelSelectorTests
{
    private static readonly LlmOptions Options = new()
    {
        Providers = new Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
        {
            ["anthropic"] = new("anthropic", ProviderKind.Anthropic, new Uri("https://api.anthropic.com"), null),
            ["ollama"] = new("ollama", ProviderKind.OpenAi, new Uri("http://localhost:11434/v1"), null),
        },
        DefaultModel = new ModelRef("anthropic", "server-model"),
    };

    private static readonly ModelRef Request = new("ollama", "request-model");
    private static readonly ModelRef Schema = new("ollama", "schema-model");
    private static readonly ModelRef User = new("anthropic", "user-model");

    [Fact]
    public void Each_link_of_the_chain_wins_over_the_ones_after_it()
    {
        Assert.Equal(("request-model", "request"), Pick(Request, Schema, User));
        Assert.Equal(("schema-model", "schema"), Pick(null, Schema, User));
        Assert.Equal(("user-model", "user"), Pick(null, null, User));
        Assert.Equal(("server-model", "server"), Pick(null, null, null));
    }

    [Fact]
    public void No_model_anywhere_is_llm_not_configured_with_how_to_configure_one()
    {
        var error = Assert.Throws<StrataException>(() => ModelSelector.Select(null, null, null, Options with { DefaultModel = null }));
        Assert.Equal("LLM_NOT_CONFIGURED", error.Code);
        Assert.Contains("STRATA_LLM__DEFAULTMODEL", error.Message);
        Assert.Contains("docs/llm.md", error.Message);
    }

    [Fact]
    public void A_model_on_an_unconfigured_provider_says_which_providers_exist()
    {
        var error = Assert.Throws<StrataException>(() => ModelSelector.Select(new ModelRef("openai", "gpt-4o"), null, null, Options));
        Assert.Equal("LLM_NOT_CONFIGURED", error.Code);
        Assert.Contains("anthropic, ollama", error.Message);
    }

    private static (string, string) Pick(ModelRef? request, ModelRef? schema, ModelRef? user)
    {
        var choice = ModelSelector.Select(request, schema, user, Options);
        return (choice.Model.Model, choice.ChosenBy);
    }
}
