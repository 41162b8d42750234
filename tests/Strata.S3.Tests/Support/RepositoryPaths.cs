namespace Strata.S3.Tests.Support;

internal static class RepositoryPaths
{
    /// <summary>The checkout the tests were built from, found by walking up to the solution file.</summary>
    public static string Root { get; } = FindRoot();

    public static string S3Server => Path.Combine(Root, "tests", "s3-server");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Strata.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Strata.slnx above {AppContext.BaseDirectory}.");
    }
}
