using System.Data.Common;
using System.Globalization;
using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.FakeLlm;
using Strata.Storage.Compliance;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>
/// A chat import's full pass whose process is killed (SIGKILL) in the middle is continued by the next worker within its
/// attempts: the conversations it finished are kept, the run it left open is failed by the ledger, and the import ends
/// complete without anyone running <c>import resume</c>. The caller's lease is set short in strata.json
/// (Worker:CallerLeaseDuration) only so the test need not wait the default 30 seconds for it to lapse.
/// </summary>
public sealed class KilledFullPassTests : IDisposable
{
    private const int Conversations = 12;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-killed-pass-" + Guid.NewGuid().ToString("N"));
    private string? _database;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_full_pass_killed_midway_is_continued_by_the_next_worker_and_the_import_completes(string backend)
    {
        // Each call takes a while, so the pass is still reading when it is killed.
        await using var model = await FakeLlmServer.StartAsync(new FakeLlmOptions { Latency = TimeSpan.FromMilliseconds(400) });
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "strata.json"), $$"""
            {"Worker": {"CallerLeaseDuration": "3"}, "ChatImport": {"FullPassConcurrency": 1},
             "Llm": {"DefaultModel": "fake/claude-sonnet-4-5",
                     "Providers": {"fake": {"Kind": "anthropic", "BaseUrl": "{{model.BaseUrl}}", "ApiKey": "fake-key"} } } }
            """);
        var export = Path.Combine(_directory, "conversations.json");
        WriteExport(export);
        string[] database = [];
        if (backend == Backends.Postgres)
        {
            _database = await PostgresTestDatabase.CreateAsync();
            database = ["--database", _database];
        }

        using (var first = StrataChild.Start(_directory, [.. database, "import", "claude", export, "--wait"]))
        {
            await Eventually.TrueAsync(async () => first.HasExited || await CountWhileStartingAsync(
                "SELECT COUNT(*) FROM runs WHERE interpreter = 'llm-chat' AND status = 'completed'") >= 2, "the pass finished some conversations");
            Assert.False(first.HasExited, "the full pass ended before it could be killed; make the export longer");
            var (exit, _, _) = await first.KillAsync();
            Assert.NotEqual(0, exit);
        }
        Assert.Equal("quick_ready", await ScalarAsync<string>("SELECT status FROM chat_imports"));
        Assert.Equal("running", await ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'chat.full_pass'"));
        var doneBefore = await ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE interpreter = 'llm-chat' AND status = 'completed'");

        // Once the killed command's lease lapses, the next worker takes the job back and continues the pass.
        var expires = await LeaseExpiryAsync();
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expires.AddSeconds(1)), "the killed command's lease lapsed");
        var worker = await new StrataProcess(_directory).RunAsync([.. database, "worker", "--once"]);

        Assert.True(worker.Exit == 0, worker.Error);
        Assert.Equal("complete", await ScalarAsync<string>("SELECT status FROM chat_imports"));
        Assert.Null(await ScalarAsync<string>("SELECT error FROM chat_imports"));
        Assert.Equal("completed", await ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'chat.full_pass'"));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT attempt FROM jobs WHERE kind = 'chat.full_pass'"));
        // Every conversation read to the end once; what the killed attempt finished was not read again.
        Assert.Equal((long)Conversations, await ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE interpreter = 'llm-chat' AND status = 'completed'"));
        Assert.True(doneBefore >= 2);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE status IN ('pending', 'running')"));
        // At most one run was open when the process died; the ledger failed it, naming why, when the pass went on.
        Assert.InRange(await ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE status = 'failed' AND error LIKE 'Stopped;%'"), 0, 1);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE status = 'failed' AND error NOT LIKE 'Stopped;%'"));
    }

    private static void WriteExport(string path)
    {
        var json = new StringBuilder("[");
        for (var c = 0; c < Conversations; c++)
        {
            if (c > 0) json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $$"""{"uuid":"conv-{{c}}","name":"Conversation {{c}}","created_at":"2024-01-01T00:00:00Z","chat_messages":[""");
            json.Append(CultureInfo.InvariantCulture, $$"""{"uuid":"conv-{{c}}-m0","sender":"human","text":"Note {{c}}: I keep my bicycle in the garage.","created_at":"2024-01-01T00:00:00Z"}""");
            json.Append("]}");
        }
        File.WriteAllText(path, json.Append(']').ToString());
    }

    private async Task<long> CountWhileStartingAsync(string sql)
    {
        try
        {
            return await ScalarAsync<long>(sql);
        }
        catch (DbException)
        {
            return 0; // the command has not created its tables yet
        }
    }

    private StoreProbe Probe => new(_directory, _database);

    private Task<DateTimeOffset> LeaseExpiryAsync() => Probe.LeaseExpiryAsync("chat.full_pass");

    private Task<T?> ScalarAsync<T>(string sql) => Probe.ScalarAsync<T>(sql);

    public void Dispose()
    {
        if (_database is not null) PostgresTestDatabase.DropAsync(_database).GetAwaiter().GetResult();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
