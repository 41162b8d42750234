using System.Globalization;

namespace Strata.Acceptance.Tests.Support;

/// <summary>
/// The peak resident size a real <c>strata</c> process reports as it exits (<c>STRATA_REPORT_PEAK_MEMORY=1</c> makes
/// it write <c>peak_rss_bytes=N</c>, its <c>VmHWM</c>, to standard error), and the check the export memory tests share.
/// </summary>
internal static class PeakMemory
{
    public const string Variable = "STRATA_REPORT_PEAK_MEMORY";

    private const string Prefix = "peak_rss_bytes=";

    /// <summary>The peak in bytes, read from the process's standard error (exactly one report line).</summary>
    public static long Read(string standardError) =>
        long.Parse(standardError.Split('\n').Single(l => l.StartsWith(Prefix, StringComparison.Ordinal))[Prefix.Length..], CultureInfo.InvariantCulture);

    public static long Mb(long bytes) => bytes / (1024 * 1024);

    /// <summary>
    /// An output <paramref name="large"/> (bytes written, peak) ten times another peaks under <paramref name="bound"/>
    /// at both and at the same size within <paramref name="allowed"/> bytes; and the larger output's extra bytes are
    /// more than that allowance, so an output held whole would move the peak past it (the check can fail).
    /// </summary>
    public static void AssertFlat((long Bytes, long Peak) small, (long Bytes, long Peak) large, long allowed, long bound)
    {
        Assert.True(large.Bytes > 9 * small.Bytes, $"{large.Bytes} bytes against {small.Bytes}");
        Assert.True(large.Bytes - small.Bytes > allowed, $"{Mb(large.Bytes - small.Bytes)} MB more exported, {Mb(allowed)} MB allowed");
        Assert.True(small.Peak < bound, $"peak {Mb(small.Peak)} MB exporting {Mb(small.Bytes)} MB, bound {Mb(bound)} MB");
        Assert.True(large.Peak < bound, $"peak {Mb(large.Peak)} MB exporting {Mb(large.Bytes)} MB, bound {Mb(bound)} MB");
        Assert.True(Math.Abs(large.Peak - small.Peak) <= allowed,
            $"peaks {Mb(small.Peak)} MB ({Mb(small.Bytes)} MB) and {Mb(large.Peak)} MB ({Mb(large.Bytes)} MB) differ by more than {Mb(allowed)} MB");
    }
}
