using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests.Documents;

/// <summary><c>strata ingest --project P FOLDER</c> and the project, document and block commands, as a person (or a
/// script reading plain lines) uses them.</summary>
public sealed class ProjectCliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "strata-cli-docs-" + Guid.NewGuid().ToString("N"));
    private readonly string _files = Path.Combine(Path.GetTempPath(), "strata-cli-files-" + Guid.NewGuid().ToString("N"));

    private Task<StrataCli.Outcome> Strata(params string[] args) => StrataCli.RunAsync(_data, args);

    [Fact]
    public async Task A_folder_ingested_into_a_project_reports_each_file_on_plain_lines_and_goes_on_past_a_refused_one()
    {
        Directory.CreateDirectory(Path.Combine(_files, "sub"));
        File.WriteAllText(Path.Combine(_files, "a-lease.md"), "# Lease\n\nRent is due monthly.\n");
        File.WriteAllText(Path.Combine(_files, "b-contact.vcf"), "BEGIN:VCARD\nFN:Ada\nEND:VCARD\n");
        File.WriteAllText(Path.Combine(_files, "sub", "c-people.csv"), "name,born\nAda,1815\nAlan,1912\n");
        Assert.Equal(0, (await Strata("projects", "create", "Contracts")).ExitCode);

        var ingest = await Strata("ingest", "--project", "Contracts", _files);

        Assert.Equal(1, ingest.ExitCode); // one file was refused
        // Standard error is not a terminal here: one plain line per file, no bar redrawn in place.
        Assert.DoesNotContain("\u001b[K", ingest.Stderr);
        Assert.Contains($"[1/3] {Path.Combine(_files, "a-lease.md")}: ingested, 2 blocks", ingest.Stderr);
        Assert.Contains($"[2/3] {Path.Combine(_files, "b-contact.vcf")}: error UNSUPPORTED_MEDIA_TYPE", ingest.Stderr);
        Assert.Contains($"[3/3] {Path.Combine(_files, "sub", "c-people.csv")}: ingested, 2 blocks", ingest.Stderr);
        Assert.Contains("2 files added to project 'Contracts'", ingest.Stdout);
        Assert.Contains("1 failed", ingest.Stdout);

        var listed = JsonDocument.Parse((await Strata("--json", "documents", "list", "Contracts")).Stdout).RootElement;
        var documents = listed.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["a-lease.md", "c-people.csv"], documents.Select(d => d.GetProperty("name").GetString()));
        var csv = documents[1].GetProperty("document_id").GetString()!;
        var blocks = await Strata("blocks", csv);
        Assert.Contains("record", blocks.Stdout);
        Assert.Contains("name: Alan born: 1912", blocks.Stdout);
        var uid = JsonDocument.Parse((await Strata("--json", "blocks", csv)).Stdout).RootElement.GetProperty("blocks")[0].GetProperty("block_uid").GetString()!;
        Assert.Contains("name: Ada\nborn: 1815", (await Strata("blocks", "show", uid)).Stdout);

        // --preview says what a delete would remove and deletes nothing: the delete below still finds both documents.
        var documentPreview = await Strata("documents", "delete", csv, "--preview");
        Assert.Equal(0, documentPreview.ExitCode);
        Assert.Contains($"deleting document {csv} 'c-people.csv' would remove 1 document, 2 blocks, 0 block runs", documentPreview.Stdout);
        Assert.Contains("(nothing was deleted)", documentPreview.Stdout);
        var projectPreview = JsonDocument.Parse((await Strata("--json", "projects", "delete", "Contracts", "--preview")).Stdout).RootElement;
        Assert.Equal((2, 4), (projectPreview.GetProperty("counts").GetProperty("documents").GetInt32(), projectPreview.GetProperty("counts").GetProperty("blocks").GetInt32()));

        var deleted = await Strata("projects", "delete", "Contracts");
        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains("deleted project", deleted.Stdout);
        Assert.Contains("2 documents, 4 blocks, 2 sources, 2 blobs", deleted.Stdout);
        Assert.Contains("Contracts", (await Strata("deletions")).Stdout);
    }

    [Fact]
    public async Task Ingesting_into_a_project_that_does_not_exist_reads_no_file_and_says_so_once()
    {
        Directory.CreateDirectory(_files);
        File.WriteAllText(Path.Combine(_files, "a.md"), "# A\n");

        var ingest = await Strata("--json", "ingest", "--project", "Nowhere", _files);

        Assert.Equal(1, ingest.ExitCode);
        Assert.Equal("PROJECT_NOT_FOUND", JsonDocument.Parse(ingest.Stderr.Trim()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("\"total\":0", (await Strata("--json", "sources", "--include-total")).Stdout);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        try { Directory.Delete(_files, recursive: true); } catch (IOException) { }
    }
}
