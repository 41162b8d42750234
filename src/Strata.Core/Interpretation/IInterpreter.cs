namespace Strata.Core.Interpretation;

/// <summary>Turns a source's bytes into records: deterministic rules, an LLM, or (later) the calling agent.</summary>
public interface IInterpreter
{
    string Name { get; }

    string Version { get; }

    bool CanInterpret(string mimeType);

    /// <summary>The configuration recorded on the run (what, besides the bytes, decides its output).</summary>
    IReadOnlyDictionary<string, string?> Describe(string mimeType, RecordReadOptions options);

    IAsyncEnumerable<ExtractedRecord> InterpretAsync(Stream content, string mimeType, RecordReadOptions options, CancellationToken cancellationToken);
}
