using System.IO.Compression;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Imports;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>Claude's projects.json: each project becomes a <c>project</c> entity whose observation leads back to the
/// projects file's source; the same file again adds nothing; a zip holding it is read the same.</summary>
public sealed class ClaudeProjectsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static string Fixture(string file) => ChatExports.Fixture("chat_fixtures_context_carry", file);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Projects_become_project_entities_with_provenance_to_the_projects_file_and_a_second_import_adds_nothing(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");

        var first = await ImportAsync(strata, user, File.OpenRead(Fixture("claude_conversations.json")), File.OpenRead(Fixture("claude_projects.json")));

        Assert.Equal(ChatImportStatuses.QuickReady, first.Status);
        Assert.NotNull(first.ProjectsSourceId);
        Assert.Null(first.Error);
        var projects = await strata.Services.Entities.RetrieveAsync(user, "project", null, false, false, new Paging(10), None);
        var project = Assert.Single(projects.Entities);
        var snapshot = await strata.Services.Entities.GetSnapshotAsync(user, project.EntityId, null, None);
        Assert.Equal("Web Dev Project", snapshot.Fields["name"].GetString());
        Assert.Equal("A project about web development", snapshot.Fields["description"].GetString());
        Assert.Equal("2024-01-10", snapshot.Fields["started"].GetString());
        var provenance = await strata.Services.Entities.GetFieldProvenanceAsync(user, project.EntityId, "description", None);
        Assert.Equal(first.ProjectsSourceId, provenance.Source!.SourceId);
        Assert.Equal(ClaudeProjects.MediaType, provenance.Source.MimeType);
        Assert.Equal("$[0]", provenance.Observation.Locator);
        // The project's uuid and its documents' names are not schema fields: kept as raw fragments, not lost.
        var fragments = strata.Rows("SELECT field FROM raw_fragments ORDER BY field").Select(r => r["field=".Length..]).ToList();
        Assert.Equal(["claude_project_uuid", "documents"], fragments);

        var before = strata.Fingerprint();
        var again = await ImportAsync(strata, user, File.OpenRead(Fixture("claude_conversations.json")), File.OpenRead(Fixture("claude_projects.json")));
        Assert.Equal(first.ProjectsSourceId, again.ProjectsSourceId);
        Assert.Equal(Count(before, "observations"), Count(strata.Fingerprint(), "observations"));
        Assert.Equal(Count(before, "sources"), Count(strata.Fingerprint(), "sources"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_claude_zip_holding_projects_json_is_read_the_same(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntryFromFile(Fixture("claude_conversations.json"), "conversations.json");
            archive.CreateEntryFromFile(Fixture("claude_projects.json"), "projects.json");
            archive.CreateEntry("users.json");
        }
        zip.Position = 0;

        var imported = await ImportAsync(strata, user, zip, null);

        Assert.Equal(1, imported.Counts.Conversations);
        Assert.NotNull(imported.ProjectsSourceId);
        var project = Assert.Single((await strata.Services.Entities.RetrieveAsync(user, "project", null, false, false, new Paging(10), None)).Entities);
        Assert.Equal("Web Dev Project", (await strata.Services.Entities.GetSnapshotAsync(user, project.EntityId, null, None)).Fields["name"].GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_broken_projects_file_is_kept_and_named_in_the_import_error_while_the_conversations_stay_imported(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");

        var imported = await ImportAsync(strata, user, File.OpenRead(Fixture("claude_conversations.json")),
            new MemoryStream("""[{"uuid":"p1","name":"Fine"},{"uuid":"p2","description":"no name"}]"""u8.ToArray()));

        Assert.Equal(ChatImportStatuses.QuickReady, imported.Status);
        Assert.Equal(1, imported.Counts.Conversations);
        Assert.Contains("projects.json was stored but not read", imported.Error);
        Assert.Contains("Project 2 of projects.json is not an object with a name", imported.Error);
    }

    private static async Task<ChatImportView> ImportAsync(TestStrata strata, string user, Stream conversations, Stream? projects)
    {
        await using (conversations)
        await using (projects)
        {
            return await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(conversations, "claude", "conversations.json", FullPass: false,
                Projects: projects), null, None);
        }
    }

    private static long Count(string fingerprint, string table) =>
        long.Parse(fingerprint.Split(' ').Single(p => p.StartsWith(table + "=", StringComparison.Ordinal))[(table.Length + 1)..],
            System.Globalization.CultureInfo.InvariantCulture);
}
