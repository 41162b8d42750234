using System.Runtime.CompilerServices;
using HtmlAgilityPack;
using Strata.Core.Documents;
using Strata.Core.Interpretation;

namespace Strata.Formats.Documents.Html;

/// <summary>
/// HTML into blocks of readable text: headings, paragraphs, list items, preformatted code, tables (as Markdown
/// tables), quotes, figures and rules; scripts, styles and other non-content elements are dropped. Each block's
/// locator is the element's exact range in the HTML source. HtmlAgilityPack is used rather than AngleSharp because
/// it reports where each element ends as well as where it starts.
/// </summary>
public sealed class HtmlConverter : IDocumentConverter
{
    public string Name => "html";

    public string Version => "1";

    public bool CanConvert(string mediaType) => mediaType == MediaTypes.Html;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(
        Stream content, ConversionLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var html = await DecodedText.ReadAsync(content, limits.MaxWholeDocumentChars, "HTML", cancellationToken);
        HtmlNesting.CheckSource(html, limits.MaxNestingDepth);
        var document = new HtmlDocument { OptionCheckSyntax = false };
        document.LoadHtml(html);
        HtmlNesting.CheckTree(document.DocumentNode, limits.MaxNestingDepth);
        var writer = new BlockWriter(limits);
        foreach (var block in new HtmlBlockWalker(writer).Walk(document.DocumentNode))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return block;
        }
    }
}
