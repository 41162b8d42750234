using Microsoft.Extensions.Logging.Abstractions;
using Strata.FakeLlm;
using Strata.Llm.Anthropic;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.OpenAi;
using Strata.Llm.Resilience;

namespace Strata.Llm.Tests.Support;

/// <summary>Real adapters pointed at a running fake server.</summary>
internal static class Clients
{
    public static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static ResilientSender Sender(RetryOptions? retry = null, TimeProvider? time = null) =>
        new(Http, retry ?? new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
            time ?? TimeProvider.System, new Random(7), NullLogger.Instance);

    public static AnthropicLlmClient Anthropic(FakeLlmServer server, string key = "test-key", RetryOptions? retry = null, TimeProvider? time = null) =>
        new(Sender(retry, time), new AnthropicOptions { BaseUrl = server.BaseUrl }, new ApiKey(key));

    public static OpenAiCompatibleLlmClient OpenAi(FakeLlmServer server, string? key = null, RetryOptions? retry = null, TimeProvider? time = null) =>
        new(Sender(retry, time), new OpenAiOptions { BaseUrl = server.OpenAiBaseUrl }, key is null ? null : new ApiKey(key));

    public static IModelClient Of(string format, FakeLlmServer server, RetryOptions? retry = null, TimeProvider? time = null) =>
        format == "anthropic" ? Anthropic(server, retry: retry, time: time) : OpenAi(server, "test-key", retry, time);
}
