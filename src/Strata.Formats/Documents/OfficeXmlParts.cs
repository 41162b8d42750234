using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using Strata.Core.Errors;

namespace Strata.Formats.Documents;

/// <summary>
/// Reads every XML part of a DOCX or XLSX package once, streaming, before the Open XML SDK builds anything from it:
/// a part nested deeper than <see cref="ConversionLimits.MaxNestingDepth"/> (the SDK builds and walks its element
/// trees recursively, so depth is stack), one that declares a DTD, or one that is not well-formed XML is refused at
/// once as <c>MALFORMED_CONTENT</c> with a message about the file, not about XmlReader settings, and never retried.
/// </summary>
internal static class OfficeXmlParts
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static void Check(OpenXmlPackage package, string format, int maxDepth)
    {
        foreach (var part in AllParts(package))
        {
            if (!part.ContentType.EndsWith("xml", StringComparison.OrdinalIgnoreCase)) continue;
            Check(part, format, maxDepth);
        }
    }

    private static void Check(OpenXmlPart part, string format, int maxDepth)
    {
        var name = part.Uri.OriginalString.TrimStart('/');
        try
        {
            using var reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
            while (reader.Read())
            {
                if (reader.Depth > maxDepth)
                {
                    throw StrataException.Malformed(
                        $"The {format} file's part {name} nests XML elements more than {maxDepth:N0} deep, the most Strata converts.");
                }
            }
        }
        catch (XmlException exception) when (exception.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw StrataException.Malformed(
                $"The {format} file's part {name} declares a DTD (document type definition); Strata refuses DTDs in documents for safety, " +
                "and Word and Excel never write one.");
        }
        catch (XmlException exception)
        {
            throw StrataException.Malformed(
                $"The {format} file's part {name} is not well-formed XML (line {exception.LineNumber}, position {exception.LinePosition}).");
        }
    }

    /// <summary>Parts reach one another through relationships, and may be shared; each is visited once, without recursion.</summary>
    private static IEnumerable<OpenXmlPart> AllParts(OpenXmlPackage package)
    {
        var seen = new HashSet<Uri>();
        var pending = new Stack<OpenXmlPart>(package.Parts.Select(p => p.OpenXmlPart));
        while (pending.TryPop(out var part))
        {
            if (!seen.Add(part.Uri)) continue;
            yield return part;
            foreach (var child in part.Parts) pending.Push(child.OpenXmlPart);
        }
    }
}
