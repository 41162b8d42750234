using System.Runtime.CompilerServices;
using System.Text;
using Strata.Core.Documents;
using Strata.Core.Interpretation;
using Strata.Formats.Csv;

namespace Strata.Formats.Documents.Csv;

/// <summary>A CSV file as one record block per row after the header: "column: value" lines, located by the row's
/// exact characters. Rows stream through; only one is held.</summary>
public sealed class CsvConverter : IDocumentConverter
{
    public string Name => "csv";

    public string Version => "1";

    public bool CanConvert(string mediaType) => mediaType == MediaTypes.Csv;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(
        Stream content, ConversionLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var rows = new CsvRowReader(content);
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
            yield return writer.Block(BlockType.Record, Record(names, cells), new TextOffsetRange(start, end));
        }
    }

    private static string Record(string[] names, List<string> cells)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Math.Max(names.Length, cells.Count); i++)
        {
            var name = i < names.Length ? names[i] : $"column_{i + 1}";
            var value = i < cells.Count ? cells[i] : string.Empty;
            text.Append(text.Length > 0 ? "\n" : "").Append(name).Append(": ").Append(value.ReplaceLineEndings(" "));
        }
        return text.ToString();
    }
}
