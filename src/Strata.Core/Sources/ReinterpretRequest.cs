namespace Strata.Core.Sources;

/// <summary>A new run over a stored source: by the rules, or by a language model when <see cref="Llm"/> or <see cref="Model"/> says so.</summary>
/// <param name="EntityType">The type to apply; null keeps the one the source's last run used.</param>
/// <param name="Wait">Answer once the run has finished (true) or at once with the run queued.</param>
public sealed record ReinterpretRequest(string? EntityType = null, bool Wait = true)
{
    /// <summary>Interpret with a language model (<c>--llm</c>) instead of the rules.</summary>
    public bool Llm { get; init; }

    /// <summary>The model as provider/model; giving one implies <see cref="Llm"/>. Null: the configured default.</summary>
    public string? Model { get; init; }

    public bool UsesLlm => Llm || Model is not null;
}
