using Strata.Formats.Documents;
using Strata.Formats.Documents.Markdown;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests.Documents;

/// <summary>A document far larger than the memory bound converts with the managed heap staying under the bound, measured
/// in a child process that runs nothing else.</summary>
public sealed class LargeDocumentTests
{
    private const int SectionCount = 40_000; // about 1 KB each

    [Fact]
    public async Task A_40_MB_markdown_document_converts_without_the_heap_growing_with_its_size()
    {
        var measured = await ChildMeasurement.RunAsync(typeof(LargeDocumentTests), nameof(ConvertAndMeasureAsync));

        Assert.Equal(SectionCount * 4L, measured["blocks"]);
        Assert.True(measured["last_end"] > 40_000_000, $"the document was {measured["last_end"]:N0} characters");
        // Held whole, the text alone would be 80 MB of UTF-16; segments of 1 MB keep what is alive far below that.
        Assert.True(measured["peak_heap"] < 32 * 1024 * 1024, $"the heap reached {measured["peak_heap"] / 1024 / 1024} MB");
    }

    /// <summary>Runs in the measuring child: the conversion, and the live heap every 5,000 blocks.</summary>
    public static async Task<Dictionary<string, long>> ConvertAndMeasureAsync()
    {
        long blocks = 0;
        long peakHeap = 0;
        long lastEnd = 0;
        await foreach (var block in new MarkdownConverter().ConvertAsync(
            GeneratedStream.FromText(Sections(SectionCount)), ConversionLimits.Default, CancellationToken.None))
        {
            blocks++;
            lastEnd = ((Strata.Core.Documents.TextOffsetRange)block.Locator).End;
            if (blocks % 5_000 == 0)
            {
                // What the conversion keeps alive at this point (garbage not yet collected is not held by it).
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: true));
            }
        }
        return new() { ["blocks"] = blocks, ["last_end"] = lastEnd, ["peak_heap"] = peakHeap };
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
