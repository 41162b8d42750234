using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

/// <summary>A project over REST end to end: created, filled with many files in one multipart upload (each file with its
/// own status), read, renamed and deleted with what each delete removed.</summary>
public abstract class DocumentEndpointTests
{
    protected abstract Backend Backend { get; }

    private static ByteArrayContent File(string text, string type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    [Fact]
    public async Task Many_files_in_one_multipart_upload_each_become_a_document_or_say_why_not()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        var project = await (await client.PostAsync("/v1/projects", HttpTesting.JsonBody("""{"name":"Contracts"}"""))).JsonAsync(HttpStatusCode.Created);
        var projectId = project.GetProperty("project_id").GetString()!;
        using var form = new MultipartFormDataContent
        {
            { File("# Lease\n\nRent is due monthly.\n", "application/octet-stream"), "files", "lease.md" },
            { File("<html><body><h1>Terms</h1><p>Be nice.</p><script>alert(1)</script></body></html>", "text/html"), "files", "terms.html" },
            { File("BEGIN:VCARD\nFN:Ada\nEND:VCARD\n", "text/vcard"), "files", "ada.vcf" },
        };

        var answer = await (await client.PostAsync($"/v1/projects/Contracts/uploads", form)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal((projectId, 2, 1), (answer.GetProperty("project_id").GetString(), answer.GetProperty("added").GetInt32(), answer.GetProperty("failed").GetInt32()));
        var files = answer.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["lease.md", "terms.html", "ada.vcf"], files.Select(f => f.GetProperty("file_name").GetString()));
        Assert.Equal("ingested", files[0].GetProperty("result").GetProperty("document").GetProperty("status").GetString());
        Assert.Equal("text/markdown", files[0].GetProperty("result").GetProperty("document").GetProperty("media_type").GetString());
        Assert.Equal(2, files[1].GetProperty("result").GetProperty("document").GetProperty("block_count").GetInt32());
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", files[2].GetProperty("error").GetProperty("code").GetString());

        var listed = await (await client.GetAsync($"/v1/projects/{projectId}/documents?include_total=true")).JsonAsync();
        Assert.Equal(2, listed.GetProperty("total").GetInt32());
        var html = listed.GetProperty("documents")[1].GetProperty("document_id").GetString()!;
        var blocks = await (await client.GetAsync($"/v1/documents/{html}/blocks")).JsonAsync();
        Assert.Equal(["heading", "paragraph"], blocks.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.DoesNotContain("alert", blocks.GetRawText());
        var uid = blocks.GetProperty("blocks")[1].GetProperty("block_uid").GetString()!;
        Assert.Equal("Be nice.", (await (await client.GetAsync($"/v1/blocks/{uid}")).JsonAsync()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_project_is_renamed_and_deleted_and_each_delete_answers_what_it_removed()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        await client.PostAsync("/v1/projects", HttpTesting.JsonBody("""{"name":"Contracts"}"""));
        var taken = await client.PostAsync("/v1/projects", HttpTesting.JsonBody("""{"name":"Contracts"}"""));
        var added = await (await client.PostAsync("/v1/projects/Contracts/documents", HttpTesting.JsonBody(
            $$"""{"content_base64":"{{Samples.Base64("# One\n\ntwo\n")}}","filename":"one.md"}"""))).JsonAsync(HttpStatusCode.Created);
        await client.PostAsync("/v1/projects/Contracts/documents", HttpTesting.JsonBody(
            $$"""{"content_base64":"{{Samples.Base64("three\n")}}","filename":"three.txt","wait":false}"""));

        var renamed = await (await client.PatchAsync("/v1/projects/Contracts", HttpTesting.JsonBody("""{"name":"Leases"}"""))).JsonAsync();
        var document = await (await client.DeleteAsync($"/v1/documents/{added.GetProperty("document").GetProperty("document_id").GetString()}")).JsonAsync();
        var project = await (await client.DeleteAsync("/v1/projects/Leases")).JsonAsync();
        var audit = await (await client.GetAsync("/v1/deletions")).JsonAsync();

        Assert.Equal("PROJECT_NAME_TAKEN", await taken.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(("Leases", 2), (renamed.GetProperty("name").GetString(), renamed.GetProperty("document_count").GetInt32()));
        Assert.Equal((1, 2), (document.GetProperty("removed").GetProperty("documents").GetInt32(), document.GetProperty("removed").GetProperty("blocks").GetInt32()));
        Assert.Equal((1, 1, 1), (project.GetProperty("removed").GetProperty("projects").GetInt32(), project.GetProperty("removed").GetProperty("documents").GetInt32(),
            project.GetProperty("removed").GetProperty("sources").GetInt32()));
        Assert.Equal(["project", "document"], audit.GetProperty("deletions").EnumerateArray().Select(d => d.GetProperty("deleted").GetString()));
        Assert.Equal("PROJECT_NOT_FOUND", await (await client.GetAsync("/v1/projects/Leases")).ProblemCodeAsync(HttpStatusCode.NotFound));
    }
}

public sealed class DocumentEndpointTestsOnSqlite : DocumentEndpointTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class DocumentEndpointTestsOnPostgres : DocumentEndpointTests
{
    protected override Backend Backend => Backend.Postgres;
}
