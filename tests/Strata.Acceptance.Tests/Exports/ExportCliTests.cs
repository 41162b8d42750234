using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>strata export as a person runs it: to a file (with the result line or --json), to standard output with
/// nothing else on it, a refusal as an error code with a non-zero exit and no file left behind.</summary>
public sealed class ExportCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("strata-export-cli-").FullName;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task EntitiesGoToAFileOrStandardOutputAndAProjectDocumentRebuildsByteForByte(string backend)
    {
        await using var database = await CliDatabase.CreateAsync(backend);
        Task<StrataCli.Outcome> Strata(params string[] args) => StrataCli.RunAsync(_data, [.. database.Arguments, .. args]);
        var notes = Path.Combine(AppContext.BaseDirectory, "samples", "kickoff-notes.md");
        Assert.Equal(0, (await Strata("store", Path.Combine(AppContext.BaseDirectory, "samples", "structured-entities.json"))).ExitCode);
        Assert.Equal(0, (await Strata("projects", "create", "Notes")).ExitCode);
        Assert.Equal(0, (await Strata("ingest", notes, "--project", "Notes")).ExitCode);

        var parquet = Path.Combine(_data, "company.parquet");
        var written = await Strata("export", "entities", "--type", "company", "--format", "parquet", "--out", parquet, "--json");
        Assert.True(written.ExitCode == 0, written.Stderr);
        var result = JsonDocument.Parse(written.Stdout).RootElement;
        Assert.Equal((1, parquet), (result.GetProperty("rows").GetInt32(), result.GetProperty("path").GetString()));
        var report = (await DuckDbOracle.ReadAsync(parquet)).Single();
        Assert.Equal(1, report.Rows);
        Assert.Equal("DATE", report.Columns.Single(c => c.Name == "founded").Type);

        var stdout = await Strata("export", "entities", "--out", "-");
        Assert.Equal(0, stdout.ExitCode);
        var lines = stdout.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => JsonDocument.Parse(l).RootElement.GetProperty("provenance"));

        var folder = Path.Combine(_data, "neo4j-import");
        var admin = await Strata("export", "neo4j", "--format", "admin-csv", "--out", folder, "--json");
        Assert.True(admin.ExitCode == 0, admin.Stderr);
        Assert.Equal(folder, JsonDocument.Parse(admin.Stdout).RootElement.GetProperty("path").GetString());
        Assert.StartsWith("entity_id:ID,:LABEL,", await File.ReadAllTextAsync(Path.Combine(folder, "nodes", "company.csv")));
        Assert.StartsWith(":START_ID,:END_ID,:TYPE,", await File.ReadAllTextAsync(Path.Combine(folder, "relationships.csv")));
        Assert.False(File.Exists(folder + ".zip.partial"));

        var documents = await Strata("documents", "list", "Notes", "--json");
        var document = JsonDocument.Parse(documents.Stdout).RootElement.GetProperty("documents")[0].GetProperty("document_id").GetString()!;
        var rebuilt = Path.Combine(_data, "rebuilt.md");
        Assert.Equal(0, (await Strata("export", "reconstruct", document, "--out", rebuilt)).ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(notes), await File.ReadAllBytesAsync(rebuilt));

        var refused = Path.Combine(_data, "refused.jsonl");
        var missing = await Strata("export", "document", "doc_000000000000000000000000", "--out", refused, "--json");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("DOCUMENT_NOT_FOUND", missing.Stdout + missing.Stderr);
        Assert.False(File.Exists(refused));
        Assert.False(File.Exists(refused + ".partial"));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
