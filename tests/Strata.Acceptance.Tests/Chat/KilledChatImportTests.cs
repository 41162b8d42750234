using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>
/// <c>strata import</c> killed with SIGKILL in the middle of a batch (it says so itself, at a hold point inside the
/// second batch's transaction, the first batch committed): the first batch stays whole, nothing of the second is
/// stored, no row names something that is gone, and the same export imported again ends with every conversation
/// stored once, as an import never killed stores it. The killed import itself is not left <c>processing</c>: its lease
/// lapses and the next <c>import list</c> ends it failed, interrupted, counting the batch it kept.
/// </summary>
public sealed class KilledChatImportTests
{
    private const int Conversations = 6;

    private const int BatchSize = 2;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_chat_import_killed_mid_batch_keeps_the_committed_batch_stores_nothing_of_the_next_and_imports_again_without_duplicates(string backend)
    {
        using var strata = TestStrata.Create(backend);
        await strata.UserAsync("alice");
        var export = Path.Combine(strata.DataDirectory, "conversations.json");
        await File.WriteAllTextAsync(export, Export(Conversations), new UTF8Encoding(false));
        string[] import = [.. strata.PostgresConnectionString is { } url ? new[] { "--database", url } : [], "--user", "alice", "--json",
            "import", "claude", export, "--no-full-pass"];
        var batches = new Dictionary<string, string>
        {
            ["STRATA_CHATIMPORT__BATCHSIZE"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["STRATA_CHATIMPORT__LEASESECONDS"] = "1",
        };
        var empty = strata.Counts();

        var marker = Path.Combine(strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt("chat-import-batch", marker, strata.DataDirectory, import, batches))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the import never reached its second batch: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        var killed = strata.Counts();
        Assert.Equal(BatchSize, killed["chat_import_conversations"]);
        Assert.Equal(empty["sources"] + BatchSize, killed["sources"]);
        Assert.Equal(BatchSize, killed["documents"]);
        Assert.Empty(EntityOrphans.Of(strata));
        var interrupted = await KilledImportAsync(strata, batches);
        Assert.Equal("failed", interrupted.GetProperty("status").GetString());
        Assert.StartsWith("INTERRUPTED: ", interrupted.GetProperty("error").GetString());
        Assert.Contains($"after {BatchSize} conversations", interrupted.GetProperty("error").GetString());
        Assert.Equal(BatchSize, interrupted.GetProperty("counts").GetProperty("conversations").GetInt32());

        var again = await new StrataProcess(strata.DataDirectory).RunAsync(batches, import);

        Assert.True(again.Exit == 0, again.Error);
        var counts = JsonDocument.Parse(again.Out).RootElement.GetProperty("counts");
        Assert.Equal((Conversations - BatchSize, BatchSize), (counts.GetProperty("conversations_added").GetInt32(), counts.GetProperty("conversations_unchanged").GetInt32()));
        var after = strata.Counts();
        using var clean = TestStrata.Create(backend);
        await clean.UserAsync("alice");
        var cleanImport = await new StrataProcess(clean.DataDirectory).RunAsync(batches,
            [.. clean.PostgresConnectionString is { } cleanUrl ? new[] { "--database", cleanUrl } : [], "--user", "alice", "--json", "import", "claude", export, "--no-full-pass"]);
        Assert.True(cleanImport.Exit == 0, cleanImport.Error);
        var never = clean.Counts();
        // Every conversation once: the same sources, documents and blocks as an import never killed.
        Assert.Equal((never["sources"], never["documents"], never["document_blocks"], never["blobs"]),
            (after["sources"], after["documents"], after["document_blocks"], after["blobs"]));
        Assert.Equal(Conversations, strata.Rows("SELECT DISTINCT source_id FROM chat_import_conversations").Count);
        Assert.Empty(EntityOrphans.Of(strata));
    }

    /// <summary>The killed import as <c>strata import list</c> shows it once its lease has lapsed: the list is read again until
    /// it no longer says processing (each read is a new command; the bound is a hang guard, not a timing).</summary>
    private static async Task<JsonElement> KilledImportAsync(TestStrata strata, Dictionary<string, string> settings)
    {
        string[] list = [.. strata.PostgresConnectionString is { } url ? new[] { "--database", url } : [], "--user", "alice", "--json", "import", "list"];
        var guard = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var listed = await new StrataProcess(strata.DataDirectory).RunAsync(settings, list);
            Assert.True(listed.Exit == 0, listed.Error);
            var import = Assert.Single(JsonDocument.Parse(listed.Out).RootElement.GetProperty("imports").EnumerateArray());
            if (import.GetProperty("status").GetString() != "processing") return import.Clone();
            Assert.True(DateTime.UtcNow < guard, "the killed import was still processing two minutes after its one-second lease");
        }
    }

    private static string Export(int conversations) => "[" + string.Join(',', Enumerable.Range(0, conversations).Select(c =>
        $$"""{"uuid":"conv-{{c}}","name":"Conversation {{c}}","created_at":"2024-01-01T00:00:00Z","chat_messages":[{"uuid":"c{{c}}m0","sender":"human","text":"I moved to Lisbon in {{2000 + c}}.","created_at":"2024-01-01T00:00:00Z"},{"uuid":"c{{c}}m1","sender":"assistant","text":"Noted, {{c}}.","created_at":"2024-01-01T00:01:00Z"}]}""")) + "]";
}
