using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>
/// No upload amplifies: a small zip that unpacks into one gigabyte-long message is refused <c>FILE_TOO_LARGE</c> naming
/// the limit, after reading about the conversation's bound rather than the gigabyte; a zip of many empty conversations
/// counts them and stores none; an export past the import's ceiling stores up to it and says so. Each through a real
/// <c>strata import</c> whose peak resident size it reports itself, with the data directory measured after.
/// </summary>
public sealed class ImportAmplificationTests
{
    // A plain import of a few conversations peaks well under this (the runtime, the database's cache); holding the
    // gigabyte message would need several times it.
    private const long PeakBound = 300L * 1024 * 1024;

    // The database, the blobs and the spool after the import: a few conversations' worth, never the expanded export.
    private const long DiskBound = 64L * 1024 * 1024;

    private const string Good = """{"uuid":"c-1","name":"Fine","created_at":"2024-01-01T00:00:00Z","chat_messages":[{"uuid":"m-1","sender":"human","text":"I live in Porto.","created_at":"2024-01-01T00:00:00Z"}]}""";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_zip_unpacking_into_a_one_gigabyte_message_is_refused_file_too_large_in_bounded_memory_and_disk(string backend)
    {
        using var strata = TestStrata.Create(backend);
        await strata.UserAsync("alice");
        var zip = Path.Combine(strata.DataDirectory, "bomb.zip");
        await WriteZipAsync(zip, async json =>
        {
            await json.WriteAsync($$"""[{{Good}},{"uuid":"c-2","name":"Bomb","chat_messages":[{"uuid":"m-2","sender":"human","text":" """);
            var chunk = new string('a', 1024 * 1024);
            for (var i = 0; i < 1024; i++) await json.WriteAsync(chunk);
            await json.WriteAsync("\"}]}]");
        });
        Assert.True(new FileInfo(zip).Length < 16L * 1024 * 1024, $"the zip is small ({new FileInfo(zip).Length} bytes): the gigabyte is in its unpacking");

        var (import, peak) = await ImportAsync(strata, zip);

        Assert.Equal("failed", import.GetProperty("status").GetString());
        Assert.StartsWith("FILE_TOO_LARGE: Conversation 2 of the export is larger than 32 MiB, the most one conversation may hold",
            import.GetProperty("error").GetString());
        Assert.Equal(1, import.GetProperty("counts").GetProperty("conversations_added").GetInt32());
        Assert.Equal(1, strata.Counts()["sources"]);
        Assert.True(peak < PeakBound, $"peak resident size {peak / (1024 * 1024)} MB, bound {PeakBound / (1024 * 1024)} MB");
        AssertDiskBounded(strata, zip);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_zip_of_many_empty_conversations_counts_them_and_stores_none(string backend)
    {
        const int empty = 200_000;
        using var strata = TestStrata.Create(backend);
        await strata.UserAsync("alice");
        var zip = Path.Combine(strata.DataDirectory, "empty.zip");
        await WriteZipAsync(zip, async json =>
        {
            await json.WriteAsync('[');
            for (var i = 0; i < empty; i++) await json.WriteAsync($$"""{"uuid":"e-{{i}}","name":"","chat_messages":[]},""");
            await json.WriteAsync(Good + "]");
        });
        var before = strata.Counts();

        var (import, peak) = await ImportAsync(strata, zip);

        Assert.Equal("quick_ready", import.GetProperty("status").GetString());
        var counts = import.GetProperty("counts");
        Assert.Equal((empty + 1, empty, 1), (counts.GetProperty("conversations").GetInt32(), counts.GetProperty("conversations_empty").GetInt32(),
            counts.GetProperty("conversations_added").GetInt32()));
        var after = strata.Counts();
        // One conversation with a message: one source, one document, one conversation row — nothing for the empty ones.
        Assert.Equal((before["sources"] + 1, before["documents"] + 1, 1L), (after["sources"], after["documents"], after["chat_import_conversations"]));
        Assert.True(after["jobs"] - before["jobs"] <= 1, $"{after["jobs"] - before["jobs"]} jobs for one conversation with messages");
        Assert.True(peak < PeakBound, $"peak resident size {peak / (1024 * 1024)} MB, bound {PeakBound / (1024 * 1024)} MB");
        AssertDiskBounded(strata, zip);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_export_past_the_imports_ceiling_stores_up_to_it_and_says_so(string backend)
    {
        using var strata = TestStrata.Create(backend);
        await strata.UserAsync("alice");
        var file = Path.Combine(strata.DataDirectory, "conversations.json");
        await File.WriteAllTextAsync(file, "[" + string.Join(',', Enumerable.Range(0, 5).Select(c => Good.Replace("c-1", $"c-{c}").Replace("Porto", $"Porto {c}"))) + "]");

        var (import, _) = await ImportAsync(strata, file, new() { ["STRATA_CHATIMPORT__MAXCONVERSATIONS"] = "3" });

        Assert.Equal("failed", import.GetProperty("status").GetString());
        Assert.StartsWith("FILE_TOO_LARGE: The export holds more than 3 conversations with messages, the most one import stores",
            import.GetProperty("error").GetString());
        Assert.Equal(3, import.GetProperty("counts").GetProperty("conversations_added").GetInt32());
        Assert.Equal(3, strata.Counts()["sources"]);
    }

    private static async Task WriteZipAsync(string path, Func<StreamWriter, Task> writeJson)
    {
        await using var file = File.Create(path);
        using var archive = new ZipArchive(file, ZipArchiveMode.Create);
        await using var entry = archive.CreateEntry("conversations.json", CompressionLevel.SmallestSize).Open();
        await using var json = new StreamWriter(entry, new UTF8Encoding(false), 1 << 16);
        await writeJson(json);
    }

    private static async Task<(JsonElement Import, long Peak)> ImportAsync(TestStrata strata, string export, Dictionary<string, string>? settings = null)
    {
        settings ??= [];
        settings["STRATA_REPORT_PEAK_MEMORY"] = "1";
        var (exit, output, error) = await new StrataProcess(strata.DataDirectory).RunAsync(settings,
            [.. strata.PostgresConnectionString is { } url ? new[] { "--database", url } : [], "--user", "alice", "--json", "import", "claude", export,
                "--no-full-pass"]);
        Assert.True(exit is 0 or 1, $"exit {exit}: {error}");
        return (JsonDocument.Parse(output).RootElement.Clone(), PeakMemory.Read(error));
    }

    private static void AssertDiskBounded(TestStrata strata, string export)
    {
        var used = Directory.GetFiles(strata.DataDirectory, "*", SearchOption.AllDirectories).Where(f => f != export).Sum(f => new FileInfo(f).Length);
        Assert.True(used < DiskBound, $"the data directory holds {used / (1024 * 1024)} MB after the import, bound {DiskBound / (1024 * 1024)} MB");
    }
}
