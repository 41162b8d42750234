namespace Strata.Core.Memory.Sections;

/// <summary>A model call for generated memory text that gave nothing usable: refused, failed, or an answer without the
/// asked-for fields. <see cref="RawOutput"/> keeps what the model said, when it said anything.</summary>
public sealed class GenerationFailedException(string message, string? rawOutput = null) : Exception(message)
{
    public string? RawOutput { get; } = rawOutput;
}
