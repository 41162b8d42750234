using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

/// <summary><c>strata serve</c> and <c>strata worker</c> read the Tracing settings (docs/operations.md) before they
/// start: a bad collector address is refused with the setting named, never a server that silently traces nothing.</summary>
public sealed class TracingSettingsCliTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("strata-tracing-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Theory]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    [InlineData("worker", "--once")]
    public async Task A_collector_address_that_is_not_an_http_url_stops_the_command_naming_the_setting(params string[] command)
    {
        var cli = new StrataProcess(_dataDirectory);

        var (exit, _, error) = await cli.RunAsync(new Dictionary<string, string> { ["STRATA_Tracing__OtlpEndpoint"] = "collector:4317" },
            [.. command, "--json"]);

        Assert.Equal(1, exit);
        Assert.Contains("VALIDATION_FAILED", error);
        Assert.Contains("Tracing:OtlpEndpoint", error);
    }
}
