using System.Runtime.CompilerServices;
using Strata.Core.Interpretation;

namespace Strata.Formats.Json;

/// <summary>
/// Reads <c>application/json</c>: an array of objects (one record each, <c>index:N</c>), an
/// <c>{"entities": [...]}</c> wrapper (one record per element) or a single object (locator <c>document</c>).
/// A record's <c>entity_type</c> property becomes its type; every other property is a field, as found.
/// </summary>
public sealed class JsonRecordReader : IRecordReader
{
    public string Format => "json";

    public bool CanRead(string mimeType) => MediaTypes.Normalize(mimeType) == MediaTypes.Json;

    public async IAsyncEnumerable<ExtractedRecord> ReadAsync(
        Stream content, RecordReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Strings over the value limit are cut out before parsing, so one huge string is never held whole.
        var input = new JsonInputBuffer(new OverlongStringFilter(content, options.MaxValueBytes));
        var scanner = new JsonRecordScanner(options);
        var found = new List<ExtractedRecord>();
        while (!scanner.IsComplete)
        {
            await input.FillAsync(cancellationToken);
            var unreadBefore = input.Unread.Length;
            input.Advance(scanner.Scan(input.Unread, input.IsFinal, found));
            foreach (var record in found)
            {
                yield return record;
            }
            found.Clear();

            if (input.IsFinal && !scanner.IsComplete && input.Unread.Length == unreadBefore)
            {
                // Utf8JsonReader throws on truncated input in a final block, so this is a bug, not bad content.
                throw new InvalidOperationException("The JSON scanner stopped making progress at the end of its input.");
            }
        }
    }
}
