namespace Strata.Cli.Hosting;

/// <summary>
/// A hidden hook for tests of memory bounds: with <c>STRATA_REPORT_PEAK_MEMORY=1</c>, the process writes its peak
/// resident size (Linux <c>VmHWM</c>) to standard error as it exits, as <c>peak_rss_bytes=N</c>. Read from the process
/// itself, it is the true peak, not a sample.
/// </summary>
internal static class PeakMemoryReport
{
    public const string Variable = "STRATA_REPORT_PEAK_MEMORY";

    public static void WriteIfAsked()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1" || !File.Exists("/proc/self/status")) return;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is null) return;
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Console.Error.WriteLine($"peak_rss_bytes={kilobytes * 1024}");
    }
}
