using Strata.FakeLlm;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>The server settings (as strata.json would give them) that send its model calls to the fake model over real
/// HTTP, as provider <c>fake</c> in the Anthropic wire format. One place, so every test that starts a server with a model
/// configures it the same way.</summary>
public static class FakeModelSettings
{
    public const string DefaultModel = "fake/claude-sonnet-4-5";

    /// <param name="apiKey">The server's own key for the provider; null for none, so each user brings theirs.</param>
    /// <param name="defaultModel">The server's default model; null for none, so each user chooses theirs.</param>
    public static Dictionary<string, string?> For(FakeLlmServer llm, string? apiKey = "sk-fake", string? defaultModel = DefaultModel)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Providers:fake:Kind"] = "anthropic",
            ["Llm:Providers:fake:BaseUrl"] = llm.BaseUrl.ToString(),
        };
        if (apiKey is not null) settings["Llm:Providers:fake:ApiKey"] = apiKey;
        if (defaultModel is not null) settings["Llm:DefaultModel"] = defaultModel;
        return settings;
    }
}
