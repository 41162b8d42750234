namespace Strata.Formats.Tests.Support;

/// <summary>Paths of the third-party fixtures copied beside the test assembly (see Fixtures/ATTRIBUTION.txt).</summary>
public static class Fixture
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);
}
