using System.Runtime.CompilerServices;
using System.Text;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.Csv;

namespace Strata.Formats.Documents.Csv;

/// <summary>A CSV file as one record block per row after the header: "column: value" lines, located by the row's
/// exact characters. Rows stream through; only one is held, and neither a row nor its block may pass the block size
/// limit. A line break inside a quoted value stays a line break in the block (as <c>\n</c>).</summary>
public sealed class CsvConverter : IDocumentConverter
{
    public string Name => "csv";

    public string Version => "2";

    public bool CanConvert(string mediaType) => mediaType == MediaTypes.Csv;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(
        Stream content, ConversionLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var rows = new CsvRowReader(content, limits.MaxBlockChars);
        var writer = new BlockWriter(limits);
        var cells = new List<string>();
        string[]? names = null;
        while (await rows.ReadRowAsync(cells, cancellationToken))
        {
            if (cells.Count == 0)
            {
                continue; // a blank line
            }
            if (names is null)
            {
                names = cells.Select((c, i) => c.Trim().Length > 0 ? c.Trim() : $"column_{i + 1}").ToArray();
                continue;
            }
            var (start, end) = rows.RowRange;
            yield return writer.Block(BlockType.Record, Record(names, cells, limits.MaxBlockChars, rows.RowLine), new TextOffsetRange(start, end));
        }
    }

    private static string Record(string[] names, List<string> cells, int maxChars, int line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Math.Max(names.Length, cells.Count); i++)
        {
            var name = i < names.Length ? names[i] : $"column_{i + 1}";
            var value = i < cells.Count ? cells[i] : string.Empty;
            text.Append(text.Length > 0 ? "\n" : "").Append(name).Append(": ").Append(value.ReplaceLineEndings("\n"));
            if (text.Length > maxChars)
            {
                throw new StrataException(ErrorCodes.FileTooLarge,
                    $"The CSV row on line {line} makes a block of more than {maxChars:N0} characters (its column names included), " +
                    "the most one block may have.");
            }
        }
        return text.ToString();
    }
}
