using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Extraction;
using Strata.Core.Llm;
using Strata.FakeLlm;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Llm.Hosting;
using Strata.Llm.Resilience;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>The fake provider over real HTTP, configured as a provider named <c>fake</c> speaking one wire format.</summary>
public static class FakeProvider
{
    public const string Anthropic = "anthropic";
    public const string OpenAi = "openai";

    /// <summary>A model with a default price, so runs have a cost.</summary>
    public const string Model = "claude-sonnet-4-5";

    public static TheoryData<string, string> BackendsAndFormats => new()
    {
        { Support.Backends.Sqlite, Anthropic },
        { Support.Backends.Sqlite, OpenAi },
        { Support.Backends.Postgres, Anthropic },
        { Support.Backends.Postgres, OpenAi },
    };

    public static LlmOptions Options(FakeLlmServer server, string format) => new()
    {
        Providers = new Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
        {
            ["fake"] = format == Anthropic
                ? new ProviderOptions("fake", ProviderKind.Anthropic, server.BaseUrl, new ApiKey("test-key"))
                : new ProviderOptions("fake", ProviderKind.OpenAi, server.OpenAiBaseUrl, new ApiKey("test-key")),
        },
        DefaultModel = new ModelRef("fake", Model),
        // Short waits: a storm of 429s is ridden out in milliseconds, not minutes.
        Retry = new RetryOptions { MaxAttempts = 8, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(40) },
    };

    /// <summary>The model side for a test's services. The LLM side waits on the system clock (retries, slot polls),
    /// whatever clock the test moves for the rest.</summary>
    public static LlmHost Runs(FakeLlmServer server, string format, LlmRunOptions? runOptions = null) =>
        LlmModels.Create(Options(server, format), runOptions ?? new LlmRunOptions(), TimeProvider.System, NullLoggerFactory.Instance);
}
