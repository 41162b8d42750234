using System.Text;
using Strata.Core.Documents;
using Strata.Formats.Documents;

namespace Strata.Formats.Tests.Documents;

/// <summary>Runs a converter to the end over bytes or text.</summary>
internal static class Converting
{
    public static async Task<List<DocumentBlock>> AllAsync(IDocumentConverter converter, Stream content, ConversionLimits? limits = null)
    {
        var blocks = new List<DocumentBlock>();
        await foreach (var block in converter.ConvertAsync(content, limits ?? ConversionLimits.Default, CancellationToken.None))
        {
            blocks.Add(block);
        }
        return blocks;
    }

    public static Task<List<DocumentBlock>> AllAsync(IDocumentConverter converter, string text, ConversionLimits? limits = null) =>
        AllAsync(converter, new MemoryStream(Encoding.UTF8.GetBytes(text)), limits);

    public static string Slice(string text, DocumentBlock block)
    {
        var range = Assert.IsType<TextOffsetRange>(block.Locator);
        return text.Substring((int)range.Start, (int)(range.End - range.Start));
    }
}
