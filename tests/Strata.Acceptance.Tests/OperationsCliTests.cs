using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

/// <summary>The real <c>strata</c> executable, as a user runs it.</summary>
public sealed class OperationsCliTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "strata-cli-" + Guid.NewGuid().ToString("N"));
    private readonly string _files = Path.Combine(Path.GetTempPath(), "strata-cli-files-" + Guid.NewGuid().ToString("N"));
    private readonly StrataProcess _cli;

    public OperationsCliTests()
    {
        Directory.CreateDirectory(_files);
        _cli = new StrataProcess(_dataDirectory);
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_files, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task AWaitingIngestOfMalformedContentExitsWithOneAndTheCode()
    {
        var (exit, _, error) = await _cli.RunAsync("ingest", File("broken.json", "[{\"entity_type\": \"contact\""), "--json");

        Assert.Equal(1, exit);
        using var envelope = JsonDocument.Parse(error);
        Assert.Equal("MALFORMED_CONTENT", envelope.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnIngestThatDoesNotWaitIsInterpretedByAWorkerRunOnce()
    {
        var (exit, output, _) = await _cli.RunAsync("ingest", File("people.csv", "name,email\nAda Lovelace,ada@example.com\n"), "--type", "contact", "--no-wait", "--json");
        Assert.Equal(0, exit);
        var runId = JsonDocument.Parse(output).RootElement.GetProperty("interpretation").GetProperty("run_id").GetString();
        Assert.Equal("pending", JsonDocument.Parse(output).RootElement.GetProperty("interpretation").GetProperty("status").GetString());

        var worker = await _cli.RunAsync("worker", "--once");
        var runs = await _cli.RunAsync("runs", "--json");

        Assert.Equal(0, worker.Exit);
        Assert.StartsWith("ran ", worker.Out);
        var run = JsonDocument.Parse(runs.Out).RootElement.GetProperty("runs").EnumerateArray().Single();
        Assert.Equal(runId, run.GetProperty("run_id").GetString());
        Assert.Equal("completed", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task APlanLimitFromAnEnvironmentVariableRefusesTheNextInterpretationAndUsageShowsIt()
    {
        var environment = new Dictionary<string, string> { ["STRATA_Plans__free__InterpretationsPerMonth"] = "1" };

        var first = await _cli.RunAsync(environment, "ingest", File("a.md", "# A\n\nfirst\n"));
        var second = await _cli.RunAsync(environment, "ingest", File("b.md", "# B\n\nsecond\n"));
        var usage = await _cli.RunAsync(environment, "usage", "--json");

        Assert.Equal(0, first.Exit);
        Assert.Equal(1, second.Exit);
        Assert.Contains("error INTERPRETATION_QUOTA_EXCEEDED", second.Error);
        Assert.Contains("1 of 1 interpretations used", second.Error);
        var view = JsonDocument.Parse(usage.Out).RootElement;
        Assert.Equal(1, view.GetProperty("interpretations_this_month").GetInt32());
        Assert.Equal(1, view.GetProperty("interpretations_limit").GetInt32());
        Assert.Equal("free", view.GetProperty("plan").GetString());
    }

    [Fact]
    public async Task ABadSettingStopsTheCommandAndNamesTheKey()
    {
        System.IO.Directory.CreateDirectory(_dataDirectory);
        System.IO.File.WriteAllText(Path.Combine(_dataDirectory, "strata.json"), """{"Worker": {"RunTimeout": "soon"}}""");

        var (exit, _, error) = await _cli.RunAsync("usage");

        Assert.Equal(1, exit);
        Assert.Contains("Worker:RunTimeout", error);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
        try { Directory.Delete(_files, recursive: true); } catch (IOException) { }
    }
}
