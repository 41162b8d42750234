using System.Runtime.CompilerServices;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.Json;
using Strata.Formats.Records;
using Strata.Formats.Text;

namespace Strata.Formats.JsonLines;

/// <summary>Reads <c>application/x-ndjson</c>: one JSON object per non-blank line, locator <c>line:N</c>.</summary>
public sealed class JsonLinesRecordReader : IRecordReader
{
    public string Format => "jsonl";

    public bool CanRead(string mimeType) => MediaTypes.Normalize(mimeType) == MediaTypes.JsonLines;

    public async IAsyncEnumerable<ExtractedRecord> ReadAsync(
        Stream content, RecordReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parseOptions = new JsonDocumentOptions { MaxDepth = options.MaxDepth };
        var budget = new RecordBudget(options.MaxRecords);
        // Strings over the value limit are cut out before a line is read, so one huge string is never held whole.
        using var lines = new TextLineReader(new OverlongStringFilter(content, options.MaxValueBytes));
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var number = lines.LineNumber;
            var element = ParseLine(line, number, parseOptions);
            budget.Take();
            yield return JsonObjectRecord.From(element, $"line:{number}", $"line {number}");
        }
    }

    private static JsonElement ParseLine(string line, int number, JsonDocumentOptions parseOptions)
    {
        JsonElement element;
        try
        {
            element = JsonElement.Parse(line, parseOptions);
        }
        catch (JsonException exception)
        {
            throw InvalidJson.At(exception, number);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw StrataException.Malformed(
                $"Line {number} is {JsonKinds.Describe(element.ValueKind)}; every line must be a JSON object.");
        }
        return element;
    }
}
