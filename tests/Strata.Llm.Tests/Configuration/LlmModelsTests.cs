using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Errors;
using Strata.Core.Extraction;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Llm.Hosting;
using Strata.Llm.Tests.Support;

namespace Strata.Llm.Tests.Configuration;

/// <summary>The models port as the core sees it: the chain's pick with the server key's fingerprint (never the key), and
/// "no model" as a client that answers LLM_NOT_CONFIGURED at the call, with the message users see.</summary>
public sealed class LlmModelsTests
{
    private static readonly ILanguageModels Models = LlmModels.Create(new LlmOptions
    {
        Providers = new Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
        {
            ["anthropic"] = new("anthropic", ProviderKind.Anthropic, new Uri("https://api.anthropic.com"), new ApiKey("server-secret")),
            ["ollama"] = new("ollama", ProviderKind.OpenAi, new Uri("http://localhost:11434/v1"), null),
        },
        DefaultModel = new ModelRef("anthropic", "server-model"),
    }, new LlmRunOptions(), TimeProvider.System, NullLoggerFactory.Instance).Models;

    [Fact]
    public void The_pick_names_provider_model_link_and_the_server_keys_fingerprint()
    {
        Assert.Equal(new ModelPick("anthropic", "server-model", "server", ApiKey.FingerprintOf("server-secret")), Models.Select(null, null, null));
        Assert.Equal(new ModelPick("ollama", "schema-model", "schema", null), Models.Select(null, "ollama/schema-model", "anthropic/user-model"));
        // A name that is not provider/model is skipped, as a link naming nothing.
        Assert.Equal("user", Models.Select(null, "not-a-model", "anthropic/user-model").ChosenBy);
        Assert.True(Models.Wired);
    }

    [Fact]
    public async Task A_provider_this_worker_has_no_configuration_for_answers_llm_not_configured_at_the_call()
    {
        var error = await Assert.ThrowsAsync<StrataException>(() => Models.Client("mistral", null).ExtractAsync(Requests.Extract(), CancellationToken.None));

        Assert.Equal(ErrorCodes.LlmNotConfigured, error.Code);
        Assert.Contains("provider 'mistral'", error.Message);
        Assert.Contains("STRATA_LLM__DEFAULTMODEL", error.Message);
    }

    [Fact]
    public async Task A_host_without_the_model_side_chooses_no_model_and_answers_every_call_llm_not_configured()
    {
        var none = NoLanguageModels.Instance;

        var refused = Assert.Throws<StrataException>(() => none.Select("anthropic/claude-sonnet-4-5", null, null));
        var call = await Assert.ThrowsAsync<StrataException>(() => none.Client("anthropic", null).ExtractAsync(Requests.Extract(), CancellationToken.None));

        Assert.False(none.Wired);
        Assert.Equal(ErrorCodes.LlmNotConfigured, refused.Code);
        Assert.Equal(ErrorCodes.LlmNotConfigured, call.Code);
        Assert.Contains("STRATA_LLM__DEFAULTMODEL", call.Message);
        Assert.Null(none.Cost(new TokenUsage(10, 10, 0, 0), "claude-sonnet-4-5"));
    }
}
