using Strata.S3.Tests.Support;

namespace Strata.S3.Tests;

public sealed class S3ServerProcessTests
{
    [Fact]
    public async Task Without_npm_ci_the_tests_say_what_to_run()
    {
        using var launcherWithoutModules = new TempDirectory();
        using var data = new TempDirectory();
        File.Copy(Path.Combine(RepositoryPaths.S3Server, "start.js"), launcherWithoutModules.File("start.js"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => S3ServerProcess.StartAsync(port: 0, data.Path, launcherWithoutModules.Path));

        Assert.Contains("run npm ci in tests/s3-server", failure.Message, StringComparison.Ordinal);
    }
}
