using Strata.Core.Documents;
using Strata.Core.Errors;

namespace Strata.Formats.Documents;

/// <summary>Numbers a converter's blocks in reading order, tracks the headings they sit under, and enforces the
/// block-count limit, so every converter shares one definition of index and heading path.</summary>
internal sealed class BlockWriter(ConversionLimits limits)
{
    private readonly List<(int Level, string Text)> _headings = [];
    private int _next;

    /// <summary>The headings above the next block, outermost first.</summary>
    public IReadOnlyList<string> HeadingPath => _headings.Select(h => h.Text).ToArray();

    public DocumentBlock Block(BlockType type, string content, BlockLocator locator, int? level = null,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        if (_next >= limits.MaxBlocks)
        {
            throw new StrataException(ErrorCodes.FileTooLarge,
                $"The document has more than {limits.MaxBlocks:N0} blocks, the most one document may have. Split it into smaller files.");
        }
        return new DocumentBlock(_next++, type, content, HeadingPath, locator, level, attributes);
    }

    /// <summary>A heading block; it sits under the headings above it, and the blocks after it sit under it.</summary>
    public DocumentBlock Heading(int level, string text, string content, BlockLocator locator)
    {
        var block = Block(BlockType.Heading, content, locator, level);
        _headings.RemoveAll(h => h.Level >= level);
        _headings.Add((level, text));
        return block;
    }
}
