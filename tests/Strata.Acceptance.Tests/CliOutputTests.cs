using System.Diagnostics;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

/// <summary>What the CLI prints: JSON for every verb with --json (errors included), terminal-safe text for people,
/// counts in words, stdin and folders for ingest, and never a stack trace.</summary>
public sealed class CliOutputTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "strata-cli-out-" + Guid.NewGuid().ToString("N"));

    private Task<StrataCli.Outcome> Strata(params string[] args) => StrataCli.RunAsync(_data, args);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task EveryVerbAnswersJsonWithJsonArgumentErrorsIncluded()
    {
        var migrate = await Strata("--json", "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("migration", Json(migrate.Stdout).GetProperty("steps")[0].GetString());

        var worker = await Strata("--json", "worker", "--once");
        Assert.Equal(0, worker.ExitCode);
        Assert.True(Json(worker.Stdout).GetProperty("jobs_run").GetInt32() >= 0);

        var metrics = await Strata("--json", "metrics");
        Assert.Equal(0, metrics.ExitCode);
        Assert.Contains(Json(metrics.Stdout).GetProperty("samples").EnumerateArray(), s => s.GetProperty("name").GetString()!.StartsWith("strata_"));

        foreach (var wrong in new[] { new[] { "--json", "entities", "show" }, ["--json", "no-such-verb"], ["--json", "entities", "list", "--limit", "x"] })
        {
            var refused = await Strata(wrong);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Equal("", refused.Stdout);
            Assert.Equal("INVALID_ARGUMENTS", Json(refused.Stderr).GetProperty("error").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task StoredControlCharactersAreEscapedForPeopleAndExactInJson()
    {
        var payload = Path.Combine(_data + "-payload.json");
        await File.WriteAllTextAsync(payload, """[{"entity_type": "note", "title": "evil\u001b]0;pwned\u0007\u001b[2J\u202Etxt.exe", "body": "x\u009by"}]""");
        var stored = Json((await Strata("--json", "store", payload)).Stdout);
        File.Delete(payload);
        var id = stored.GetProperty("entities")[0].GetProperty("entity_id").GetString()!;

        var human = await Strata("entities", "show", id);
        var list = await Strata("entities", "list");
        var json = await Strata("--json", "entities", "show", id);

        foreach (var text in new[] { human.Stdout, list.Stdout })
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u0007', text);
            Assert.DoesNotContain('\u202E', text);
            Assert.DoesNotContain('\u009b', text);
        }
        Assert.Contains("evil\\x1b]0;pwned\\x07\\x1b[2J\\u202etxt.exe", human.Stdout);
        Assert.Equal("evil\u001b]0;pwned\u0007\u001b[2J\u202Etxt.exe", Json(json.Stdout).GetProperty("fields").GetProperty("title").GetString());
        // One observation, one entity: counted in words.
        Assert.Contains("1 observation,", human.Stdout);
        Assert.Contains("\n1 entity\n", list.Stdout);
    }

    [Fact]
    public async Task AMessageImportWithoutAFullPassQueuesNoneAndRecallFindsItsMessage()
    {
        var file = _data + "-team.jsonl";
        await File.WriteAllTextAsync(file, """
            {"conversation_id": "ops", "message_id": "m1", "speaker": "Tom", "time": "2024-03-04T09:02:00Z", "text": "We paid the auditors on Friday."}
            {"conversation_id": "ops", "message_id": "m2", "speaker": "Priya", "time": "2024-03-04T09:05:00Z", "text": "Good, the retro moves to Thursday."}

            """);
        var imported = await Strata("import", "messages", file, "--wait");
        File.Delete(file);

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("  messages: 2; facts: 0\n", imported.Stdout);
        // No model pass was asked for: none is queued, and none has read a conversation.
        Assert.Contains("  full pass: 0 of 1 conversations (0 %)\n", imported.Stdout);
        Assert.DoesNotContain("queued", imported.Stdout);
        // "pay" asks for "paid" too (WordNet's irregular forms).
        var recalled = await Strata("recall", "when do we pay?");
        Assert.Equal(0, recalled.ExitCode);
        Assert.StartsWith("1. message · Tom · 2024-03-04 09:02", recalled.Stdout);
        Assert.Contains("conversation ops message m1", recalled.Stdout);
    }

    [Fact]
    public async Task IngestReadsStandardInputUnderAGivenNameWithoutItsBidiControls()
    {
        var outcome = await RunWithInputAsync("name,email\nAda,ada@example.com\n", "--json", "ingest", "-", "--name", "contacts\u202Evsc.csv", "--type", "contact");

        Assert.Equal(0, outcome.ExitCode);
        var result = Json(outcome.Stdout);
        Assert.Equal("contactsvsc.csv", result.GetProperty("original_filename").GetString());
        Assert.Equal("completed", result.GetProperty("interpretation").GetProperty("status").GetString());
        Assert.Equal(1, result.GetProperty("interpretation").GetProperty("entities_total").GetInt32());
    }

    [Fact]
    public async Task IngestOfAFolderWalksItInOrderLeavingOutHiddenFilesAndLinksThatLeaveIt()
    {
        var folder = _data + "-folder";
        Directory.CreateDirectory(Path.Combine(folder, "b-sub", "deeper"));
        Directory.CreateDirectory(Path.Combine(folder, ".hidden"));
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), "# A note\n\nfirst\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "b-sub", "deeper", "c.md"), "# C note\n\nthird\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "b-sub", "b.md"), "# B note\n\nsecond\n");
        await File.WriteAllTextAsync(Path.Combine(folder, ".secret.md"), "# Hidden\n");
        await File.WriteAllTextAsync(Path.Combine(folder, ".hidden", "x.md"), "# Hidden too\n");
        var outside = _data + "-outside.md";
        await File.WriteAllTextAsync(outside, "# Outside\n");
        File.CreateSymbolicLink(Path.Combine(folder, "link.md"), outside);
        File.CreateSymbolicLink(Path.Combine(folder, "inside.md"), Path.Combine(folder, "a.md"));

        var ingest = await Strata("--json", "ingest", folder);

        Assert.Equal(0, ingest.ExitCode);
        var results = ingest.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Json).ToList();
        Assert.Equal(["a.md", "b.md", "c.md"], results.Take(3).Select(r => r.GetProperty("original_filename").GetString()));
        Assert.Equal(4, results.Count);
        Assert.True(results[3].GetProperty("deduplicated").GetBoolean()); // inside.md links to a.md: the same bytes
        var skipped = Json(ingest.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).GetProperty("skipped");
        Assert.EndsWith("link.md", skipped.GetProperty("path").GetString());
        File.Delete(outside);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ADamagedDatabaseIsOneLineWithACodeAndNeverAStackTrace()
    {
        Directory.CreateDirectory(_data);
        await File.WriteAllTextAsync(Path.Combine(_data, "strata.db"), new string('x', 8192));

        var human = await Strata("entities", "list");
        var json = await Strata("--json", "entities", "list");

        Assert.Equal(1, human.ExitCode);
        Assert.StartsWith("error DATABASE_UNAVAILABLE: ", human.Stderr);
        Assert.Single(human.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", human.Stderr + json.Stderr);
        Assert.Equal("DATABASE_UNAVAILABLE", Json(json.Stderr).GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<StrataCli.Outcome> RunWithInputAsync(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "strata.dll"), "--data-dir", _data }.Concat(args)) start.ArgumentList.Add(arg);
        start.Environment.Remove("STRATA_USER");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return new StrataCli.Outcome(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
