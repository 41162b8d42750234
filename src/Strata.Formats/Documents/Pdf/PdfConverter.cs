using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Xml;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Interpretation;

namespace Strata.Formats.Documents.Pdf;

/// <summary>
/// PDF through poppler's <c>pdftotext -bbox-layout</c> (no PDF text library restores here): each text block the
/// layout analysis finds becomes a paragraph located by its page and box. The XML is read as it streams out, so
/// memory does not grow with the document. Without pdftotext, PDFs are refused with a clear error.
/// </summary>
public sealed class PdfConverter(string pdftotext = "pdftotext") : IDocumentConverter
{
    public string Name => "pdf";

    public string Version => "1";

    public bool CanConvert(string mediaType) => mediaType == MediaTypes.Pdf;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(
        Stream content, ConversionLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "strata-pdf-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await using (var file = File.Create(path))
            {
                await content.CopyToAsync(file, cancellationToken);
            }
            using var process = Start(path);
            await using var kill = cancellationToken.Register(() => TryKill(process));
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var writer = new BlockWriter(limits);
            using var xml = XmlReader.Create(process.StandardOutput,
                new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, Async = true });
            await using var blocks = PdfLayoutReader.ReadAsync(xml, writer, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var unreadable = false;
            while (true)
            {
                try
                {
                    if (!await blocks.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (XmlException)
                {
                    unreadable = true; // pdftotext gave up part-way; its exit code and message say why
                    break;
                }
                yield return blocks.Current;
            }
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0 || unreadable)
            {
                var reason = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "its text layout is unreadable";
                throw StrataException.Malformed($"The PDF could not be read: {Sanitise(reason)}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private Process Start(string path)
    {
        var start = new ProcessStartInfo(pdftotext)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-bbox-layout", "-enc", "UTF-8", path, "-" })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            return Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new StrataException(ErrorCodes.UnsupportedMediaType,
                "PDF documents need poppler's pdftotext, which is not installed here (Debian package poppler-utils). " +
                "Install it, or convert the PDF to text first.");
        }
    }

    private static void TryKill(Process process)
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already gone */ }
    }

    private static string Sanitise(string text) =>
        new(text.Trim().Take(300).Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
