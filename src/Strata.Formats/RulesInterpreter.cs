using System.Runtime.CompilerServices;
using Strata.Core.Interpretation;

namespace Strata.Formats;

/// <summary>
/// The built-in interpreter: deterministic rules per format, no network and no key. Its output depends only on
/// the bytes, the media type and the entity type asked for, which is what the run's config records.
/// </summary>
public sealed class RulesInterpreter : IInterpreter
{
    private readonly FormatReaders _readers = new();

    public string Name => "rules";

    public string Version => "1.0.0";

    public bool CanInterpret(string mimeType) => _readers.For(mimeType) is not null;

    public IReadOnlyDictionary<string, string?> Describe(string mimeType, RecordReadOptions options) =>
        new Dictionary<string, string?> { ["format"] = _readers.For(mimeType)?.Format };

    public async IAsyncEnumerable<ExtractedRecord> InterpretAsync(Stream content, string mimeType, RecordReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _readers.For(mimeType)
            ?? throw new Core.Errors.StrataException(Core.Errors.ErrorCodes.UnsupportedMediaType, $"No rules read {mimeType}.");
        await foreach (var record in reader.ReadAsync(content, options, cancellationToken))
        {
            yield return record;
        }
    }
}
