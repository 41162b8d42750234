namespace Strata.Formats.Documents;

/// <summary>Bounds on one conversion, so a hostile or huge file fails with a clear error instead of exhausting memory.</summary>
/// <param name="MaxBlocks">Blocks in one document.</param>
/// <param name="MaxBlockChars">Characters in one block's content; a longer plain-text paragraph is cut into pieces.</param>
/// <param name="MaxWholeDocumentChars">For formats whose parser needs the whole document at once (HTML, DOCX):
/// the most characters read.</param>
/// <param name="MarkdownSegmentChars">Markdown is parsed in segments cut at top-level block boundaries of about this
/// many characters, so memory does not grow with the document.</param>
/// <param name="MaxNestingDepth">Elements inside elements (HTML tags, DOCX/XLSX XML): deeper documents are refused before
/// their tree is built, because a parser's cost and a tree walk's stack grow with depth. 512 is where browsers stop
/// nesting HTML elements too; real documents stay far below it.</param>
public sealed record ConversionLimits(
    int MaxBlocks = 1_000_000,
    int MaxBlockChars = 1_048_576,
    int MaxWholeDocumentChars = 64 * 1_048_576,
    int MarkdownSegmentChars = 1_048_576,
    int MaxNestingDepth = 512)
{
    public static readonly ConversionLimits Default = new();
}
