using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Strata.FakeLlm;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Web;

/// <summary>The project page lists its documents a page at a time (list_documents' keyset cursor), so a project of any
/// size opens as fast as one of a hundred: the first page says how many there are and links to the next, which holds the
/// rest, each document once.</summary>
public abstract partial class ProjectPageTests
{
    protected abstract Backend Backend { get; }

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_project_of_more_documents_than_a_page_lists_a_page_and_links_to_the_rest()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        var user = (await server.Services.Users.AuthenticateAsync(key, None))!.Id;
        var project = await server.Services.Projects.CreateAsync(user, "Many", None);
        for (var i = 0; i < 103; i++)
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"# Note {i}\n\nFlat {i} pays on the first day.\n");
            await server.Services.Documents.AddFileAsync(user, "Many", new MemoryStream(Encoding.UTF8.GetBytes(note)),
                string.Create(CultureInfo.InvariantCulture, $"note-{i:D3}.md"), null, false, None);
        }
        using var browser = new PageBrowser(server);
        await browser.SignInAsync(key);

        var first = await browser.PageAsync($"/projects/{project.ProjectId}");
        var next = NextLink().Match(first);

        Assert.Equal(100, Documents().Matches(first).Count);
        Assert.Contains("100 of 103 documents shown.", first);
        Assert.True(next.Success, "the first page links to the next");
        Assert.DoesNotContain("First page", first);
        var second = await browser.PageAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
        Assert.Equal(3, Documents().Matches(second).Count);
        Assert.Contains("First page", second);
        Assert.DoesNotMatch(NextLink(), second);
        var names = Names().Matches(first + second).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 103).Select(i => string.Create(CultureInfo.InvariantCulture, $"note-{i:D3}.md")), names);
        // The live stream of the second page follows that page's documents (its cursor), not the first page's.
        Assert.Contains($"data-events=\"/page-api/projects/{project.ProjectId}/events?cursor=", second);
    }

    [Fact]
    public async Task A_document_after_the_projects_first_500_block_runs_still_shows_its_runs()
    {
        await using var llm = await FakeLlmServer.StartAsync();
        await using var server = await RunningServer.StartAsync(backend: Backend, llmRuns: true, settings: FakeModelSettings.For(llm));
        var key = await server.CreateUserAsync("alice");
        var user = (await server.Services.Users.AuthenticateAsync(key, None))!.Id;
        var project = await server.Services.Projects.CreateAsync(user, "Runs", None);
        using (var schema = System.Text.Json.JsonDocument.Parse("""{"schema_ref":"clause","properties":{"topic":{"type":"string"}}}"""))
        {
            await server.Services.BlockSchemas.RegisterAsync(user, schema.RootElement, false, None);
        }
        async Task<string> DocumentAsync(string name) => (await server.Services.Documents.AddFileAsync(user, "Runs",
            new MemoryStream(Encoding.UTF8.GetBytes($"# {name}\n\nThe tenant pays.\n")), name, null, true, None)).Document.DocumentId;
        // 501 runs over the first document, then one over the second: the project's oldest 500 runs are all the first's.
        var busy = await DocumentAsync("busy.md");
        for (var i = 0; i < 501; i++) await server.Services.Review.StartRunAsync(user, busy, "clause", null, null, None);
        var later = await DocumentAsync("later.md");
        var run = (await server.Services.Review.StartRunAsync(user, later, "clause", null, null, None)).Run.RunId;
        using var browser = new PageBrowser(server);
        await browser.SignInAsync(key);

        var page = await browser.PageAsync($"/projects/{project.ProjectId}");

        Assert.Contains($"<a href=\"/runs/{run}\">", page);
        // The busy document shows its oldest 100 (ProjectRuns.PerDocument), the later one its one.
        Assert.Equal(101, Regex.Matches(page, "<a href=\"/runs/run_").Count);
    }

    [GeneratedRegex("<tr data-document=")]
    private static partial Regex Documents();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();

    [GeneratedRegex("<tr data-document=\"[^\"]+\"><td>([^<]+)</td>")]
    private static partial Regex Names();
}

public sealed class ProjectPageTestsOnSqlite : ProjectPageTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class ProjectPageTestsOnPostgres : ProjectPageTests
{
    protected override Backend Backend => Backend.Postgres;
}
