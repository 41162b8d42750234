namespace Strata.Llm.Configuration;

/// <summary>The model a run will use, its provider's settings, and which link of the chain chose it
/// (<c>request</c>, <c>schema</c>, <c>user</c>, <c>server</c>), recorded in the run's config.</summary>
public sealed record ModelChoice(ModelRef Model, ProviderOptions Provider, string ChosenBy);
