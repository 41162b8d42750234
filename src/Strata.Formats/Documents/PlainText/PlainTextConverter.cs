using System.Runtime.CompilerServices;
using System.Text;
using Strata.Core.Documents;
using Strata.Core.Interpretation;

namespace Strata.Formats.Documents.PlainText;

/// <summary>Plain text into paragraphs: runs of non-blank lines, separated by blank lines. A paragraph longer than
/// the block limit is cut at a line break into several. Only the current paragraph is held.</summary>
public sealed class PlainTextConverter : IDocumentConverter
{
    public string Name => "text";

    public string Version => "1";

    public bool CanConvert(string mediaType) => mediaType == MediaTypes.PlainText;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(
        Stream content, ConversionLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lines = new TextLines(content, limits.MaxBlockChars);
        var writer = new BlockWriter(limits);
        var paragraph = new StringBuilder();
        long start = 0;
        while (true)
        {
            var lineStart = lines.Offset;
            var line = await lines.ReadLineAsync(cancellationToken);
            var blank = line is null || line.Trim().Length == 0;
            if (paragraph.Length > 0 && (blank || paragraph.Length + line!.Length > limits.MaxBlockChars))
            {
                yield return Paragraph(writer, paragraph, start);
                paragraph.Clear();
            }
            if (line is null)
            {
                yield break;
            }
            if (!blank)
            {
                if (paragraph.Length == 0)
                {
                    start = lineStart;
                }
                paragraph.Append(line);
            }
        }
    }

    /// <summary>The paragraph without its final line break, located exactly.</summary>
    private static DocumentBlock Paragraph(BlockWriter writer, StringBuilder paragraph, long start)
    {
        var text = paragraph.ToString().TrimEnd('\r', '\n');
        return writer.Block(BlockType.Paragraph, text, new TextOffsetRange(start, start + text.Length));
    }
}
