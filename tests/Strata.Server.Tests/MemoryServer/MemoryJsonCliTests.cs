using Strata.Server.Tests.Infrastructure;
using Strata.Storage.Compliance;

namespace Strata.Server.Tests.MemoryServer;

/// <summary><c>strata import memory-json</c> and <c>strata export memory-json</c> as a user runs them, on a SQLite data
/// directory and on PostgreSQL: the shipped sample round-trips, a bad line is reported by number, --strict imports nothing.</summary>
public sealed class MemoryJsonCliTests
{
    private static readonly string Sample = Path.Combine(StrataExecutable.RepositoryRoot, "examples", "memory-server", "memory.jsonl");

    private static async Task<ProcessOutcome> StrataAsync(TempDirectory work, string? database, params string[] arguments) =>
        await ProcessRunner.RunAsync(StrataExecutable.DotnetHost,
            [StrataExecutable.DllPath, .. arguments, "--data-dir", work.Combine("data"), .. database is null ? [] : new[] { "--database", database }, "--user", "mem"],
            work.Path);

    private static async Task WithStoreAsync(Backend backend, Func<TempDirectory, string?, Task> test)
    {
        using var work = new TempDirectory();
        var database = backend == Backend.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        try
        {
            await test(work, database);
        }
        finally
        {
            if (database is not null) await PostgresTestDatabase.DropAsync(database);
        }
    }

    private static string[] SortedLines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task The_sample_imports_and_exports_line_for_line_and_importing_it_again_changes_nothing(Backend backend) =>
        await WithStoreAsync(backend, async (work, database) =>
        {
            var imported = await StrataAsync(work, database, "import", "memory-json", Sample, "--json");
            Assert.True(imported.ExitCode == 0, imported.ToString());
            var result = Samples.Json(imported.StandardOutput);
            Assert.Equal(5, result.GetProperty("entities_created").GetInt32());
            Assert.Equal(5, result.GetProperty("relations_created").GetInt32());

            var exported = await StrataAsync(work, database, "export", "memory-json", "--out", work.Combine("out.jsonl"));
            Assert.True(exported.ExitCode == 0, exported.ToString());
            // Line for line as the file was (key order too), the order of lines aside.
            Assert.Equal(SortedLines(await File.ReadAllTextAsync(Sample)), SortedLines(await File.ReadAllTextAsync(work.Combine("out.jsonl"))));

            var again = Samples.Json((await StrataAsync(work, database, "import", "memory-json", work.Combine("out.jsonl"), "--json")).StandardOutput);
            Assert.Equal(0, again.GetProperty("entities_created").GetInt32() + again.GetProperty("observations_added").GetInt32()
                + again.GetProperty("relations_created").GetInt32());
            var toStdout = await StrataAsync(work, database, "export", "memory-json");
            Assert.Equal(SortedLines(await File.ReadAllTextAsync(Sample)), SortedLines(toStdout.StandardOutput));
        });

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task A_malformed_line_is_reported_by_its_number_and_the_rest_imported_and_strict_imports_nothing(Backend backend) =>
        await WithStoreAsync(backend, async (work, database) =>
        {
            var file = work.WriteFile("memory.jsonl", string.Join('\n',
                """{"type":"entity","name":"Ada","entityType":"person","observations":["likes tea"]}""",
                """{"type":"entity","name":"Bob","entityType":"person",""",
                "",
                """{"type":"relation","from":"Ada","to":"Bob"}""",
                """{"type":"relation","from":"Ada","to":"Bob","relationType":"knows"}""",
                "{\"type\":\"entity\",\"name\":\"Big\",\"entityType\":\"x\",\"observations\":[\"" + new string('a', (1 << 20) + 10) + "\"]}",
                """{"type":"entity","name":"Carol","entityType":"person","observations":[]}"""));

            var strict = await StrataAsync(work, database, "import", "memory-json", file, "--strict", "--json");
            Assert.Equal(1, strict.ExitCode);
            var refusedAll = Samples.Json(strict.StandardOutput);
            Assert.Equal(3, refusedAll.GetProperty("lines_refused").GetInt32());
            Assert.Equal(0, refusedAll.GetProperty("entities_created").GetInt32());
            var empty = await StrataAsync(work, database, "export", "memory-json");
            Assert.Equal("", empty.StandardOutput);

            var lenient = await StrataAsync(work, database, "import", "memory-json", file);
            Assert.Equal(1, lenient.ExitCode);
            Assert.Contains("line 2: not JSON", lenient.StandardOutput);
            Assert.Contains("line 4: a relation needs from, to and relationType", lenient.StandardOutput);
            Assert.Contains("line 6: the line is longer than 1,048,576 characters", lenient.StandardOutput);
            var graph = (await StrataAsync(work, database, "export", "memory-json")).StandardOutput;
            Assert.Equal(
                [
                    """{"type":"entity","name":"Ada","entityType":"person","observations":["likes tea"]}""",
                    """{"type":"entity","name":"Carol","entityType":"person","observations":[]}""",
                    """{"type":"relation","from":"Ada","to":"Bob","relationType":"knows"}""",
                ], SortedLines(graph));
        });
}
