namespace Strata.Bench.Harness;

/// <summary>Per-second figures from counts and accumulated stopwatch time.</summary>
public static class Rates
{
    public static double PerSecond(long count, TimeSpan elapsed) => elapsed.TotalSeconds > 0 ? count / elapsed.TotalSeconds : double.NaN;

    public static double MegabytesPerSecond(long bytes, TimeSpan elapsed) => PerSecond(bytes, elapsed) / (1024 * 1024);

    public static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);
}
