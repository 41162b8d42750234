namespace Strata.Core.Documents;

/// <summary>Where a block sits in the original document, so any value drawn from it can be traced to its place.</summary>
public abstract record BlockLocator
{
    /// <summary>The wire name of the locator's kind.</summary>
    public abstract string Kind { get; }
}

/// <summary>Characters <c>[Start, End)</c> of the decoded source text (UTF-16 code units, as string indices and
/// JavaScript count them): <c>text.Substring(Start, End - Start)</c> is the block's source.</summary>
public sealed record TextOffsetRange(long Start, long End) : BlockLocator
{
    public override string Kind => "text_offset_range";
}

/// <summary>A page (1-based) and a box on it in PDF points, origin top left.</summary>
public sealed record PageBox(int Page, double XMin, double YMin, double XMax, double YMax) : BlockLocator
{
    public override string Kind => "page_box";
}

/// <summary>An element of an XML document part, as a path of element names with 1-based positions among their
/// siblings of the same name: <c>/w:document/w:body/w:p[3]</c>.</summary>
public sealed record ElementPath(string Part, string Path) : BlockLocator
{
    public override string Kind => "element_path";
}
