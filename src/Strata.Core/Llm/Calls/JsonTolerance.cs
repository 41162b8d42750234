namespace Strata.Core.Llm.Calls;

/// <summary>How a model's JSON was read. Anything but <see cref="None"/> is recorded on the call, so a model
/// that keeps wrapping its answers shows up in the run's config and metrics instead of being hidden.</summary>
public enum JsonTolerance
{
    /// <summary>Read as given (a tool input, or text that is exactly one JSON object).</summary>
    None,

    /// <summary>The text was one <c>```json</c> (or bare <c>```</c>) fenced block, with only whitespace or prose around it.</summary>
    Fenced,

    /// <summary>The text held exactly one top-level JSON object surrounded by prose.</summary>
    Embedded,
}
