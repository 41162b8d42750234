namespace Strata.Core.Sources;

/// <param name="Content">The bytes, read once as a stream.</param>
/// <param name="FileName">The original file name (only its last segment is kept).</param>
/// <param name="MimeType">The type the caller says it is; detected from the name and bytes when absent.</param>
/// <param name="EntityType">A type to apply where the content names none (e.g. CSV rows).</param>
/// <param name="Interpret">False stores the source without interpreting it.</param>
/// <param name="Wait">True waits for the queued interpretation (working on it in-process) and returns its outcome;
/// false returns at once with the run pending. An ingest whose upload is pending never waits.</param>
public sealed record IngestRequest(
    Stream Content,
    string? FileName = null,
    string? MimeType = null,
    string? EntityType = null,
    bool Interpret = true,
    bool Wait = true)
{
    /// <summary>Told how far the run has got while the caller waits for it (about once per poll interval).</summary>
    public IProgress<Runs.RunProgress>? Progress { get; init; }

    /// <summary>Interpret with a language model (<c>--llm</c>) instead of the rules.</summary>
    public bool Llm { get; init; }

    /// <summary>The model for an LLM run, <c>provider/model</c>; null follows the chain (schema, user, server default).</summary>
    public string? Model { get; init; }
}
