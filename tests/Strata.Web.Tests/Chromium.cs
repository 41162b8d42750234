using Microsoft.Playwright;

namespace Strata.Web.Tests;

/// <summary>Debian's chromium, driven by Playwright (no browser download: the test command installs the package, as
/// it does PostgreSQL), headless and without the sandbox a container refuses.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install Debian's chromium (./test.sh does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        return (playwright, browser);
    }
}
