namespace Strata.Core.Interpretation;

/// <summary>Reads one file format into records. Streaming: memory does not grow with the input.</summary>
public interface IRecordReader
{
    /// <summary>Short format name recorded in run configs, e.g. <c>csv</c>.</summary>
    string Format { get; }

    bool CanRead(string mimeType);

    /// <summary>Yields records in source order; throws <see cref="Errors.StrataException"/> with
    /// <c>MALFORMED_CONTENT</c> (naming the line or position) when the content is not valid for the format.</summary>
    IAsyncEnumerable<ExtractedRecord> ReadAsync(Stream content, RecordReadOptions options, CancellationToken cancellationToken);
}

/// <param name="EntityType">A type chosen at ingest (<c>--type</c>); used where the content names none.</param>
/// <param name="FileName">The original file name, when known (a note's title falls back to it).</param>
/// <param name="MaxRecords">Bound on records per source; more is <c>MALFORMED_CONTENT</c>.</param>
/// <param name="MaxDepth">Bound on JSON nesting depth.</param>
/// <param name="MaxValueBytes">Bound on one value: a reader that can tell leaves a longer one out while streaming
/// (<see cref="ExtractedRecord.TooLong"/>) instead of holding it.</param>
public sealed record RecordReadOptions(
    string? EntityType = null,
    string? FileName = null,
    int MaxRecords = 1_000_000,
    int MaxDepth = 64,
    long MaxValueBytes = Storage.WriteLimits.DefaultMaxValueBytes);
