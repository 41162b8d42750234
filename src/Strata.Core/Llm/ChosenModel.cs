namespace Strata.Core.Llm;

/// <summary>The model a run will use: its provider, the model's name there, and which link of the priority chain
/// chose it (<c>request</c>, <c>schema</c>, <c>user</c>, <c>server</c>), to record in the run's config.</summary>
/// <param name="UserKey">The user's own key for the provider, opened; null to use the server's key (or none, for a
/// local server). Never log it or put it in a run's config.</param>
public sealed record ChosenModel(LlmProvider Provider, string Model, string ChosenBy, string? UserKey)
{
    /// <summary><c>provider/model</c>, as configuration and the CLI write it.</summary>
    public string Name => $"{Provider.Name}/{Model}";

    public override string ToString() => $"{Name} (chosen by {ChosenBy})";
}
