using Strata.Formats.Documents;
using Strata.Formats.Documents.Markdown;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests.Documents;

/// <summary>A document far larger than the memory bound converts with the managed heap staying under the bound.</summary>
public sealed class LargeDocumentTests
{
    [Fact]
    public async Task A_40_MB_markdown_document_converts_without_the_heap_growing_with_its_size()
    {
        const int sections = 40_000; // about 1 KB each
        long blocks = 0;
        long peakHeap = 0;
        long lastEnd = 0;
        await foreach (var block in new MarkdownConverter().ConvertAsync(
            GeneratedStream.FromText(Sections(sections)), ConversionLimits.Default, CancellationToken.None))
        {
            blocks++;
            lastEnd = ((Strata.Core.Documents.TextOffsetRange)block.Locator).End;
            if (blocks % 5_000 == 0)
            {
                // What the conversion keeps alive at this point (garbage not yet collected is not held by it).
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        Assert.Equal(sections * 4L, blocks);
        Assert.True(lastEnd > 40_000_000, $"the document was {lastEnd:N0} characters");
        // Held whole, the text alone would be 80 MB of UTF-16; segments of 1 MB keep what is alive far below that.
        Assert.True(peakHeap < 32 * 1024 * 1024, $"the heap reached {peakHeap / 1024 / 1024} MB");
    }

    private static IEnumerable<string> Sections(int count)
    {
        var filler = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor sit amet", 36));
        for (var i = 0; i < count; i++)
        {
            yield return $"## Section {i}\n\n{filler}\n\n- item {i}\n- another item\n\n";
        }
    }
}
