using System.Net;
using System.Net.Sockets;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Serving;

/// <summary>The real <c>strata serve</c> when it cannot start: one clear line (JSON with --json), a non-zero exit, no stack trace.</summary>
public sealed class ServeStartupTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Serve_on_a_port_already_taken_says_so_in_one_line_and_exits_non_zero(bool json)
    {
        using var temp = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var outcome = await StrataExecutable.RunAsync(["serve", "--urls", url, "--data-dir", temp.Combine("data"), .. json ? new[] { "--json" } : []]);

        var (code, message) = OneError(outcome, json);
        Assert.Equal("LISTEN_FAILED", code);
        Assert.Contains(url, message);
        Assert.Contains("already in use", message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Serve_with_a_database_it_cannot_reach_says_so_in_one_line_and_exits_non_zero(bool json)
    {
        using var temp = new TempDirectory();
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now

        var outcome = await StrataExecutable.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--data-dir", temp.Combine("data"),
            "--database", $"postgres://strata:secret-password@127.0.0.1:{port}/strata", .. json ? new[] { "--json" } : []]);

        var (code, message) = OneError(outcome, json);
        Assert.Equal("DATABASE_UNAVAILABLE", code);
        Assert.Contains($"127.0.0.1:{port}", message);
        Assert.DoesNotContain("secret-password", outcome.StandardError + outcome.StandardOutput);
    }

    [Fact]
    public async Task Serve_help_lists_only_the_options_serve_uses()
    {
        var serve = await StrataExecutable.RunAsync(["serve", "--help"]);
        var ingest = await StrataExecutable.RunAsync(["ingest", "--help"]);

        Assert.True(serve.ExitCode == 0, serve.ToString());
        foreach (var used in new[] { "--urls", "--no-worker", "--allowed-origins", "--data-dir", "--database", "--json" })
        {
            Assert.Contains(used, serve.StandardOutput);
        }
        // Requests act as the owner of their API key; a local user would do nothing here.
        Assert.DoesNotContain("--user", serve.StandardOutput);
        Assert.Contains("--user", ingest.StandardOutput);
    }

    /// <summary>The run failed with exactly one line on standard error — the error, as JSON or as text — and nothing else.</summary>
    private static (string Code, string Message) OneError(ProcessOutcome outcome, bool json)
    {
        Assert.True(outcome.ExitCode != 0, outcome.ToString());
        Assert.Equal("", outcome.StandardOutput.Trim());
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain(" at ", line);
        if (json)
        {
            var error = Samples.Json(line).GetProperty("error");
            return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
        }
        var text = System.Text.RegularExpressions.Regex.Match(line, "^error ([A-Z_]+): (.+)$");
        Assert.True(text.Success, line);
        return (text.Groups[1].Value, text.Groups[2].Value);
    }
}
