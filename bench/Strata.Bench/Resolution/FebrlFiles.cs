namespace Strata.Bench.Resolution;

/// <summary>
/// Where the Febrl datasets are: <c>STRATA_FEBRL_DIR</c>; else the shared fixtures folder beside the checkout
/// (<c>../shared/fixtures/febrl</c>, found by walking up from the working directory and from the benchmark's own
/// folder, so a clone anywhere finds it); else the copy of dataset 1 the acceptance tests keep in the repository.
/// </summary>
public static class FebrlFiles
{
    public static string Path(int dataset)
    {
        var file = $"dataset{dataset}.csv";
        if (Environment.GetEnvironmentVariable("STRATA_FEBRL_DIR") is { Length: > 0 } configured)
        {
            return System.IO.Path.Combine(configured, file);
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[]
                {
                    System.IO.Path.Combine(dir.FullName, "shared", "fixtures", "febrl", file),
                    System.IO.Path.Combine(dir.FullName, "tests", "Strata.Acceptance.Tests", "Fixtures", "febrl", file),
                })
                {
                    if (File.Exists(candidate)) return candidate;
                }
            }
        }
        throw new FileNotFoundException(
            $"Febrl {file} was not found: set STRATA_FEBRL_DIR to the folder that holds it (shared/fixtures/febrl beside the checkout).");
    }
}
