namespace Strata.Core.Llm.Calls;

/// <summary>
/// The model side a host plugs into the core, in one registration (Strata.Llm's <c>LlmModels</c>): which model a run
/// uses, a client for one call to a provider, and what a call cost. The workflows that use a model (LLM runs, block runs,
/// the chat full pass, memory text) live in the core and need nothing else from the adapter.
/// </summary>
public interface ILanguageModels
{
    /// <summary>False only for the core's stand-in when the host wired no model side (<see cref="NoLanguageModels"/>):
    /// work that would wait for a model (a chat import's full pass) is then not queued.</summary>
    bool Wired { get; }

    /// <summary>The model by the priority chain: the request, then the schema's prompt config, then the user's default, then
    /// the server's; a name that is not <c>provider/model</c> is skipped. The first one named must name a configured provider.</summary>
    /// <exception cref="Errors.StrataException"><c>LLM_NOT_CONFIGURED</c>, saying how to configure one.</exception>
    ModelPick Select(string? request, string? schema, string? user);

    /// <summary>A client for one call at a time to <paramref name="provider"/> with the user's own key (null: the server's).
    /// A provider this host has no configuration for gets a client that answers <c>LLM_NOT_CONFIGURED</c> at the call.</summary>
    IModelClient Client(string provider, string? userKey);

    /// <summary>What the tokens cost on <paramref name="model"/> in USD; null when the model has no price.</summary>
    decimal? Cost(TokenUsage usage, string model);
}

/// <summary>The model a run will use, which link of the chain chose it (<c>request</c>, <c>schema</c>, <c>user</c>,
/// <c>server</c>), and the fingerprint of the provider's server-wide key (null when it has none): never the key.</summary>
public sealed record ModelPick(string Provider, string Model, string ChosenBy, string? ServerKeyFingerprint);
