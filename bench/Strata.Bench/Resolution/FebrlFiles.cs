namespace Strata.Bench.Resolution;

/// <summary>Where the Febrl datasets are: <c>STRATA_FEBRL_DIR</c>, else the shared fixtures folder.</summary>
public static class FebrlFiles
{
    public static string Path(int dataset)
    {
        var folder = Environment.GetEnvironmentVariable("STRATA_FEBRL_DIR") ?? "/work/shared/fixtures/febrl";
        return System.IO.Path.Combine(folder, $"dataset{dataset}.csv");
    }
}
