namespace Strata.Core.Memory.Sections;

/// <summary>One model-written part of MEMORY.md as last generated: its text when it succeeded, else its error and what
/// the model said (kept raw, as for every failed model call). <see cref="Calls"/> counts the model calls it took.</summary>
public sealed record GeneratedSection(
    string Section,
    string? Text,
    string Status,
    string? Error,
    string? RawOutput,
    string? Model,
    int Calls,
    DateTimeOffset GeneratedAt);

/// <summary>The generated sections, in the order MEMORY.md renders them, with their titles.</summary>
public static class GeneratedSections
{
    public const string Summary = "summary";
    public const string CommunicationStyle = "communication_style";
    public const string Tone = "tone";
    public const string Boundaries = "boundaries";

    public const string Generated = "generated";
    public const string Failed = "failed";

    public static IReadOnlyList<string> Profile { get; } = [CommunicationStyle, Tone, Boundaries];

    public static string Title(string section) => section switch
    {
        Summary => "Summary",
        CommunicationStyle => "Communication Style",
        Tone => "Tone",
        Boundaries => "Boundaries",
        _ => section,
    };
}
