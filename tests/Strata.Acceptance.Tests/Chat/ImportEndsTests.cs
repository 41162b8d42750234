using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Strata.Acceptance.Tests.Support;
using Strata.Storage.Compliance;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>Every import ends with a state and an error a person understands: text that is not Unicode inside a message
/// fails it naming the conversation and the message, with the conversations before kept; SIGTERM in the middle of a
/// read fails it as interrupted, with no stack trace, instead of leaving it processing for ever.</summary>
public sealed class ImportEndsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("strata-import-ends-").FullName;
    private string? _database;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Invalid_text_in_a_message_fails_the_import_naming_it_and_keeps_the_conversations_before(string backend)
    {
        var database = await DatabaseAsync(backend);
        var file = Path.Combine(_data, "conversations.json");
        var good = """{"uuid":"c-1","name":"Fine","chat_messages":[{"uuid":"m-1","sender":"human","text":"hello"}]}""";
        var bad = """{"uuid":"c-2","name":"Broken","chat_messages":[{"uuid":"m-2","sender":"human","text":"x\ud800y"}]}""";
        await File.WriteAllTextAsync(file, $"[{good},{bad}]");

        var (exit, output, error) = await new StrataProcess(_data).RunAsync([.. database, "--json", "import", "claude", file, "--no-full-pass"]);

        Assert.True(exit == 1, $"exit {exit}: {output} {error}");
        var import = JsonDocument.Parse(output).RootElement;
        Assert.Equal("failed", import.GetProperty("status").GetString());
        var message = import.GetProperty("error").GetString()!;
        Assert.StartsWith("MALFORMED_CONTENT: Conversation 2 of the export (c-2, \"Broken\")", message);
        Assert.Contains("in message 1 (m-2)", message);
        Assert.Equal(1, import.GetProperty("counts").GetProperty("conversations").GetInt32());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM sources"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Sigterm_during_an_import_ends_it_failed_as_interrupted_with_no_stack_trace(string backend)
    {
        var database = await DatabaseAsync(backend);
        File.WriteAllText(Path.Combine(_data, "strata.json"), """{"ChatImport": {"BatchSize": 50}}""");
        var file = Path.Combine(_data, "conversations.json");
        WriteLargeExport(file, 40_000);
        var start = StrataProcess.StartInfo(_data, [.. database, "--json", "import", "claude", file, "--no-full-pass"]);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // The hand-off: a committed batch shows the read is under way (not a timing).
        await Eventually.TrueAsync(async () => process.HasExited || await ReadSoFarAsync() > 0, "the import committed a batch");
        Assert.False(process.HasExited, "the import finished before it could be stopped; make the export bigger");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }
        await process.WaitForExitAsync();

        var error = await stderr;
        Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}: {await stdout} {error}");
        Assert.DoesNotContain("   at ", error);
        Assert.Contains("stopped by a signal", error);
        var (status, message, read) = await ImportRowAsync();
        Assert.Equal("failed", status);
        Assert.StartsWith("INTERRUPTED: ", message);
        Assert.True(read > 0 && read < 40_000, $"{read} conversations read");
        Assert.Equal((long)read, await ScalarAsync<long>("SELECT COUNT(*) FROM sources"));
    }

    private static void WriteLargeExport(string path, int count)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write($$"""{"uuid":"c-{{i}}","name":"Talk {{i}}","chat_messages":[{"uuid":"m-{{i}}","sender":"human","text":"I moved to Lisbon in {{1900 + i % 100}} and work on project {{i}}."}]}""");
        }
        writer.Write(']');
    }

    private async Task<string[]> DatabaseAsync(string backend)
    {
        if (backend != Backends.Postgres) return [];
        _database = await PostgresTestDatabase.CreateAsync();
        return ["--database", _database];
    }

    private async Task<long> ReadSoFarAsync()
    {
        try
        {
            return await ScalarAsync<long>("SELECT COALESCE(MAX(conversations_read), 0) FROM chat_imports");
        }
        catch (DbException)
        {
            return 0; // the database is still being created
        }
    }

    private async Task<(string Status, string Error, long Read)> ImportRowAsync()
    {
        await using var connection = Connect();
        return await connection.QuerySingleAsync<(string, string, long)>("SELECT status, error, conversations_read FROM chat_imports");
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = Connect();
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    private DbConnection Connect() => _database is null
        ? new SqliteConnection($"Data Source={Path.Combine(_data, "strata.db")};Mode=ReadOnly;Pooling=False")
        : new NpgsqlConnection(_database);

    public void Dispose()
    {
        if (_database is not null) PostgresTestDatabase.DropAsync(_database).GetAwaiter().GetResult();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
