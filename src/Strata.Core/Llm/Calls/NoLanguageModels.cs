using Strata.Core.Errors;

namespace Strata.Core.Llm.Calls;

/// <summary>What a host without the model side answers: no model can be chosen, and a call answers
/// <c>LLM_NOT_CONFIGURED</c> saying how to configure one. The rules path is untouched.</summary>
public sealed class NoLanguageModels : ILanguageModels
{
    public static readonly NoLanguageModels Instance = new();

    public bool Wired => false;

    public ModelPick Select(string? request, string? schema, string? user) =>
        throw new StrataException(ErrorCodes.LlmNotConfigured, LlmInterpreter.NotConfiguredMessage);

    public IModelClient Client(string provider, string? userKey) => new NotConfiguredModelClient(LlmInterpreter.NotConfiguredMessage);

    public decimal? Cost(TokenUsage usage, string model) => null;
}

/// <summary>A client with no provider behind it: every call answers <c>LLM_NOT_CONFIGURED</c> with
/// <paramref name="message"/>, and no tokens are spent.</summary>
public sealed class NotConfiguredModelClient(string message) : IModelClient
{
    public Task<ExtractionResponse> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken) =>
        throw new StrataException(ErrorCodes.LlmNotConfigured, message);
}
