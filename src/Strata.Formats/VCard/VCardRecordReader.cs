using System.Runtime.CompilerServices;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.ContentLines;
using Strata.Formats.Records;

namespace Strata.Formats.VCard;

/// <summary>Reads <c>text/vcard</c> (3.0/4.0): one <c>contact</c> record per card, locator <c>vcard:N</c> from 0.</summary>
public sealed class VCardRecordReader : IRecordReader
{
    public const string EntityType = "contact";

    public string Format => "vcard";

    public bool CanRead(string mimeType) => MediaTypes.Normalize(mimeType) == MediaTypes.VCard;

    public async IAsyncEnumerable<ExtractedRecord> ReadAsync(
        Stream content, RecordReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var budget = new RecordBudget(options.MaxRecords);
        using var lines = new UnfoldedLineReader(content);
        ContactCard? card = null;
        var index = 0;
        while (await lines.ReadLineAsync(cancellationToken) is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (card is null)
            {
                card = StartCard(text, lines.LineNumber);
                continue;
            }

            var line = ContentLine.Parse(text, lines.LineNumber);
            if (line.Is("END", "VCARD"))
            {
                budget.Take();
                yield return new ExtractedRecord(EntityType, card.ToFields(), $"vcard:{index++}");
                card = null;
            }
            else if (line.Is("BEGIN", "VCARD"))
            {
                throw StrataException.Malformed(
                    $"Line {line.LineNumber} begins a contact card inside the one that begins on line {card.StartLine}, " +
                    "which has no END:VCARD.");
            }
            else
            {
                card.Add(line);
            }
        }

        if (card is not null)
        {
            throw StrataException.Malformed(
                $"The contact card that begins on line {card.StartLine} has no END:VCARD; the file may be cut short.");
        }
    }

    private static ContactCard StartCard(string text, int lineNumber)
    {
        if (!text.Trim().Equals("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase))
        {
            var preview = text.Length > 60 ? text[..60] + "…" : text;
            throw StrataException.Malformed(
                $"Line {lineNumber} is outside any contact card (expected BEGIN:VCARD): \"{preview}\".");
        }
        return new ContactCard(lineNumber);
    }
}
