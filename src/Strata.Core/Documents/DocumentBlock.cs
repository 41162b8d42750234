namespace Strata.Core.Documents;

/// <summary>
/// One immutable piece of a converted document: its position in the reading order, what it is, its content as
/// Markdown or text, the headings it sits under (outermost first) and where it came from in the original.
/// </summary>
/// <param name="Level">A heading's level (1–6) or a list item's nesting depth (1 = top); null otherwise.</param>
/// <param name="Attributes">What a format knows of a block beyond its text, by name: a chat message's <c>role</c> and
/// <c>time</c>, a spreadsheet row's <c>sheet</c>. Null when there is nothing.</param>
public sealed record DocumentBlock(
    int Index,
    BlockType Type,
    string Content,
    IReadOnlyList<string> HeadingPath,
    BlockLocator Locator,
    int? Level = null,
    IReadOnlyDictionary<string, string>? Attributes = null);
