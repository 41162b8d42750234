using System.Net;
using System.Text;
using Strata.Core;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Web;

/// <summary>
/// The delete confirmations' form posts (over delete_document and delete_project), on both databases: two sessions
/// deleting the same document, or the same project, at once end with one delete, audited once; the first is sent to
/// the list with its notice, the other is answered with a page saying the thing is gone (never a server error).
/// </summary>
public abstract class DeletePageTests
{
    protected abstract Backend Backend { get; }

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Two_sessions_deleting_one_document_then_one_project_at_once_delete_each_once_and_the_other_is_told_it_is_gone()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        var aliceId = (await server.Services.Users.AuthenticateAsync(key, None))!.Id;
        var project = (await server.Services.Projects.CreateAsync(aliceId, "Leases", None)).ProjectId;
        var document = (await server.Services.Documents.AddFileAsync(aliceId, project, new MemoryStream(Encoding.UTF8.GetBytes("# Lease\n\nRent is due monthly.\n")),
            "lease.md", null, wait: true, None)).Document.DocumentId;
        var browsers = new[] { new PageBrowser(server), new PageBrowser(server) };
        foreach (var b in browsers) await b.SignInAsync(key);
        var tokens = await Task.WhenAll(browsers.Select(b => b.CsrfTokenAsync()));

        foreach (var (path, listed, code) in new[]
        {
            ($"/documents/{document}/delete", $"/projects/{project}?deleted=del_", "DOCUMENT_NOT_FOUND"),
            ($"/projects/{project}/delete", "/?deleted=del_", "PROJECT_NOT_FOUND"),
        })
        {
            using var start = new Barrier(browsers.Length);
            var answers = await Task.WhenAll(browsers.Select((b, i) => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await b.SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent([KeyValuePair.Create("csrf", tokens[i])]));
            })));

            Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.NotFound], answers.Select(a => a.StatusCode).Order());
            Assert.StartsWith(listed, answers.Single(a => a.StatusCode == HttpStatusCode.SeeOther).Headers.Location!.ToString());
            Assert.Contains($"<code>{code}</code>", await answers.Single(a => a.StatusCode == HttpStatusCode.NotFound).Content.ReadAsStringAsync());
        }
        var audit = (await server.Services.Deletions.ListAsync(aliceId, new Paging(10), None)).Deletions;
        Assert.Equal(["project", "document"], audit.Select(d => d.Deleted));
        foreach (var b in browsers) b.Dispose();
    }
}

public sealed class DeletePageTestsOnSqlite : DeletePageTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class DeletePageTestsOnPostgres : DeletePageTests
{
    protected override Backend Backend => Backend.Postgres;
}
