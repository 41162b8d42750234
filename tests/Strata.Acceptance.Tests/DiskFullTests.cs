using System.Text.Json;
using Strata.Acceptance.Tests.Chat;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests;

/// <summary>
/// A full disk under the real CLI, on SQLite. The disk is made full with SQLite's <c>max_page_count</c>, set through the
/// test-only variable STRATA_TEST_SQLITE_MAX_PAGES on every connection of the child process: at 1 it holds the database
/// at its current size (SQLite never lowers the cap below it), so any write that needs a new page fails with
/// SQLITE_FULL exactly as on a full disk. A full PostgreSQL disk is not practical to make in a test; its SQLSTATE 53100
/// is mapped by the same code (StorageFullTests in Strata.Core.Tests).
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private const string MaxPages = "STRATA_TEST_SQLITE_MAX_PAGES";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-full-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task On_a_full_disk_writes_say_STORAGE_FULL_reads_keep_working_and_nothing_is_left_processing()
    {
        Directory.CreateDirectory(_directory);
        var cli = new StrataProcess(_directory);
        var full = new Dictionary<string, string> { [MaxPages] = "1" };
        var note = Path.Combine(_directory, "note.md");
        File.WriteAllText(note, "# Kept\n\nStored before the disk filled up.\n");
        var first = await cli.RunAsync("ingest", note, "--json");
        Assert.True(first.Exit == 0, first.Error);

        var people = Path.Combine(_directory, "people.csv");
        File.WriteAllText(people, "name,email\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"Person {i},p{i}@example.com\n")));
        var refused = await cli.RunAsync(full, "ingest", people, "--json");

        Assert.NotEqual(0, refused.Exit);
        Assert.NotEqual(134, refused.Exit); // no abort, in a checkpoint at close or anywhere
        Assert.True((refused.Error + refused.Out).Contains(ErrorCodes.StorageFull, StringComparison.Ordinal), refused.Out + refused.Error);
        Assert.DoesNotContain("Unhandled exception", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error);

        var listed = await cli.RunAsync(full, "sources", "--json");
        Assert.True(listed.Exit == 0, listed.Error);
        Assert.Contains("note.md", listed.Out);

        var export = Path.Combine(_directory, "conversations.json");
        await using (var file = File.Create(export))
        {
            await ChatExports.Claude(Enumerable.Range(1, 400).Select(i => ($"c{i}", $"Talk {i}",
                new[] { ("human", $"message {i} " + new string('x', 400), "2024-01-05T08:00:00Z") })).ToArray()).CopyToAsync(file);
        }
        var import = await cli.RunAsync(full, "import", "claude", export, "--no-full-pass");
        Assert.NotEqual(0, import.Exit);
        Assert.NotEqual(134, import.Exit);
        Assert.True((import.Error + import.Out).Contains(ErrorCodes.StorageFull, StringComparison.Ordinal), import.Out + import.Error);

        var imports = await cli.RunAsync(full, "import", "list", "--json");
        Assert.True(imports.Exit == 0, imports.Error);
        using (var answer = JsonDocument.Parse(imports.Out))
        {
            var only = Assert.Single(answer.RootElement.GetProperty("imports").EnumerateArray());
            Assert.Equal("failed", only.GetProperty("status").GetString());
            Assert.StartsWith(ErrorCodes.StorageFull, only.GetProperty("error").GetString());
        }
        var runs = await cli.RunAsync(full, "runs", "--json");
        Assert.True(runs.Exit == 0, runs.Error);
        Assert.DoesNotContain("\"running\"", runs.Out);

        // Space comes back: the same file is stored and interpreted, and the store was intact all along.
        var again = await cli.RunAsync("ingest", people, "--json");
        Assert.True(again.Exit == 0, again.Error);
        var health = await cli.RunAsync("health");
        Assert.True(health.Exit == 0, health.Out + health.Error);
    }

    [Fact]
    public async Task A_full_upload_spool_is_STORAGE_FULL_not_a_validation_failure()
    {
        Directory.CreateDirectory(_directory);
        var cli = new StrataProcess(_directory);
        Assert.Equal(0, (await cli.RunAsync("sources")).Exit); // the database made and migrated, with no limit
        // The limit is a file-size limit on the child (ulimit -f, in KiB) above every file of the data directory, so only
        // the spool's copy of the upload, which is larger, passes it; SIGXFSZ is ignored so the write fails with EFBIG.
        var largest = Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Max(f => new FileInfo(f).Length);
        var limitKiB = largest / 1024 + 2048;
        var upload = Path.Combine(_directory, "big.txt");
        File.WriteAllText(upload, string.Concat(Enumerable.Range(0, (int)(limitKiB * 1024 * 2 / 64)).Select(i => $"{i:D63}\n")));
        var start = StrataProcess.StartInfo(_directory, ["ingest", upload, "--no-interpret"]);
        // The runtime's write-xor-execute maps its code through a memory file that the file-size limit would also cut
        // (a crash in the runtime, not in Strata): off for this child, so only Strata's own writes meet the limit.
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        var command = string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(a => $"'{a}'"));
        start.FileName = "bash";
        start.ArgumentList.Clear();
        foreach (var arg in new[] { "-c", $"trap '' XFSZ; ulimit -f {limitKiB}; exec {command}" }) start.ArgumentList.Add(arg);

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var guard = new CancellationTokenSource(TimeSpan.FromMinutes(8))) await process.WaitForExitAsync(guard.Token); // a hang guard

        Assert.True(process.ExitCode == 1, await error);
        Assert.Contains($"error {ErrorCodes.StorageFull}: {upload}: The storage is full", await error);
        Assert.DoesNotContain(ErrorCodes.ValidationFailed, await error);
        Assert.DoesNotContain(ErrorCodes.InternalError, await error);
        Assert.Empty(await output);
        var listed = await cli.RunAsync("sources", "--json");
        Assert.True(listed.Exit == 0, listed.Error);
        Assert.DoesNotContain("big.txt", listed.Out);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
