using System.Text;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Formats.Documents.Pdf;

namespace Strata.Formats.Tests.Documents;

public sealed class PdfConverterTests
{
    [Fact]
    public async Task Each_text_block_of_a_pdf_becomes_a_paragraph_with_its_page_and_box()
    {
        var pdf = MinimalPdf.Build(
            [[(72, 720, "Master services agreement"), (72, 500, "Payment is due in thirty days")], [(72, 700, "Second page text")]]);

        var blocks = await Converting.AllAsync(new PdfConverter(), new MemoryStream(pdf));

        Assert.Equal(["Master services agreement", "Payment is due in thirty days", "Second page text"], blocks.Select(b => b.Content));
        var first = Assert.IsType<PageBox>(blocks[0].Locator);
        Assert.Equal(1, first.Page);
        Assert.InRange(first.XMin, 70, 74);
        Assert.InRange(first.YMin, 792 - 720 - 14, 792 - 720); // PDF y grows upwards; boxes are measured from the top
        Assert.Equal(2, Assert.IsType<PageBox>(blocks[2].Locator).Page);
    }

    [Fact]
    public async Task A_damaged_pdf_is_refused_as_malformed()
    {
        var error = await Assert.ThrowsAsync<StrataException>(() =>
            Converting.AllAsync(new PdfConverter(), new MemoryStream("%PDF-1.4 this is not a pdf"u8.ToArray())));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
    }

    [Fact]
    public async Task Without_pdftotext_pdfs_are_refused_with_an_error_that_says_what_to_install()
    {
        var pdf = MinimalPdf.Build([[(72, 720, "text")]]);

        var error = await Assert.ThrowsAsync<StrataException>(() =>
            Converting.AllAsync(new PdfConverter("/nonexistent/pdftotext"), new MemoryStream(pdf)));

        Assert.Equal(ErrorCodes.UnsupportedMediaType, error.Code);
        Assert.Contains("poppler-utils", error.Message);
    }

    /// <summary>Writes a small valid PDF (Helvetica text at given positions) with a correct cross-reference table.</summary>
    private static class MinimalPdf
    {
        public static byte[] Build(IReadOnlyList<IReadOnlyList<(int X, int Y, string Text)>> pages)
        {
            var objects = new List<string>
            {
                "<< /Type /Catalog /Pages 2 0 R >>",
                $"<< /Type /Pages /Kids [{string.Join(' ', pages.Select((_, i) => $"{4 + 2 * i} 0 R"))}] /Count {pages.Count} >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            };
            foreach (var page in pages)
            {
                var content = string.Concat(page.Select(t => $"BT /F1 12 Tf {t.X} {t.Y} Td ({t.Text}) Tj ET\n"));
                objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {objects.Count + 2} 0 R " +
                            "/Resources << /Font << /F1 3 0 R >> >> >>");
                objects.Add($"<< /Length {content.Length} >>\nstream\n{content}endstream");
            }
            var pdf = new StringBuilder("%PDF-1.4\n");
            var offsets = new List<int>();
            for (var i = 0; i < objects.Count; i++)
            {
                offsets.Add(pdf.Length);
                pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
            }
            var xref = pdf.Length;
            pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
            foreach (var offset in offsets)
            {
                pdf.Append($"{offset:D10} 00000 n \n");
            }
            pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            return Encoding.ASCII.GetBytes(pdf.ToString());
        }
    }
}
