using System.Text.Json;
using Microsoft.Playwright;

namespace Strata.Web.Tests;

/// <summary>
/// Accessibility, checked by axe-core (npm, tests/Strata.Web.Tests/package.json) inside the page. It is evaluated over
/// the DevTools protocol, which a Content-Security-Policy does not govern, so the page's own policy stays as strict as
/// it is in use. Serious and critical violations fail the test, each named with the elements it found.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = System.IO.Path.Combine(Repository.Root, "tests", "Strata.Web.Tests", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(path), $"{path} is missing: run 'npm ci' in tests/Strata.Web.Tests (./test.sh does).");
        return File.ReadAllText(path);
    });

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")) })));
            }
            """);
        var violations = JsonDocument.Parse(json).RootElement;
        Assert.True(violations.GetArrayLength() == 0, $"axe found serious or critical violations on {page.Url}: {json}");
    }
}
