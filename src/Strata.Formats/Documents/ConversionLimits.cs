namespace Strata.Formats.Documents;

/// <summary>Bounds on one conversion, so a hostile or huge file fails with a clear error instead of exhausting memory.</summary>
/// <param name="MaxBlocks">Blocks in one document.</param>
/// <param name="MaxBlockChars">Characters in one block's content; a longer plain-text paragraph is cut into pieces.</param>
/// <param name="MaxWholeDocumentChars">For formats whose parser needs the whole document at once (HTML, DOCX):
/// the most characters read.</param>
/// <param name="MarkdownSegmentChars">Markdown is parsed in segments cut at top-level block boundaries of about this
/// many characters, so memory does not grow with the document.</param>
public sealed record ConversionLimits(
    int MaxBlocks = 1_000_000,
    int MaxBlockChars = 1_048_576,
    int MaxWholeDocumentChars = 64 * 1_048_576,
    int MarkdownSegmentChars = 1_048_576)
{
    public static readonly ConversionLimits Default = new();
}
