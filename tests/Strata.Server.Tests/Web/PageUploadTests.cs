using System.Net;
using System.Text;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Web;

/// <summary>The page's streamed forms read multipart bodies through the same reader as REST's uploads: a body that breaks
/// the format answers 400 VALIDATION_FAILED (the imports page again, or the script's JSON problem), never 500, and
/// imports or stores nothing — also when the break comes after the page's token and inside the file.</summary>
public abstract class PageUploadTests
{
    protected abstract Backend Backend { get; }

    private const string Export = """[{"uuid":"c1","name":"Coffee","created_at":"2024-01-05T08:00:00Z","chat_messages":[{"uuid":"m1","sender":"human","text":"Hello","created_at":"2024-01-05T08:00:00Z"}]}]""";

    /// <summary>The three breaks, each with the page's token as the first part where the body has parts at all.</summary>
    private static IEnumerable<(string What, string ContentType, string Body)> Malformed(string token)
    {
        var parts = $"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"provider\"\r\n\r\nclaude\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"conversations.json\"\r\nContent-Type: application/json\r\n\r\n" + Export;
        yield return ("no boundary line", "multipart/form-data; boundary=XyZ", "a body that never starts a part\r\n");
        yield return ("a part that ends before its boundary", "multipart/form-data; boundary=XyZ", parts);
        yield return ("no boundary parameter", "multipart/form-data", parts + "\r\n--XyZ--\r\n");
    }

    [Fact]
    public async Task A_malformed_body_posted_to_the_pages_upload_forms_is_400_VALIDATION_FAILED_and_imports_and_stores_nothing()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        using var rest = server.Client(key);
        (await rest.PostAsync("/v1/projects", new StringContent("""{"name":"Inbox"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        using var browser = new PageBrowser(server);
        await browser.SignInAsync(key);
        var token = await browser.CsrfTokenAsync();

        foreach (var (what, contentType, body) in Malformed(token))
        {
            var imported = await browser.SendAsync(HttpMethod.Post, "/imports/uploads", Body(contentType, body));
            var page = await imported.Content.ReadAsStringAsync();
            Assert.True(imported.StatusCode == HttpStatusCode.BadRequest, $"{what} to the imports page: {(int)imported.StatusCode} {page}");
            Assert.Contains("<code>VALIDATION_FAILED</code>", page);
            Assert.Contains("form class=\"import-upload\"", page); // the imports page again, to try once more

            var uploaded = await browser.SendAsync(HttpMethod.Post, "/page-api/projects/Inbox/uploads", Body(contentType, body),
                request => request.Headers.Add("X-CSRF-Token", token));
            Assert.True(uploaded.StatusCode == HttpStatusCode.BadRequest, $"{what} to the project page's upload: {(int)uploaded.StatusCode}");
            Assert.Equal("VALIDATION_FAILED", await uploaded.ProblemCodeAsync(HttpStatusCode.BadRequest));
        }
        Assert.Equal(0, (await (await rest.GetAsync("/v1/imports?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, (await (await rest.GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_whole_export_posted_with_the_token_first_is_imported_and_answered_with_its_live_page()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        using var browser = new PageBrowser(server);
        await browser.SignInAsync(key);
        var token = await browser.CsrfTokenAsync();
        var (_, contentType, parts) = Malformed(token).Last();

        var answer = await browser.SendAsync(HttpMethod.Post, "/imports/uploads", Body(contentType + "; boundary=XyZ", parts));

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        var importId = answer.Headers.Location!.ToString()["/imports/".Length..];
        using var rest = server.Client(key);
        var import = await (await rest.GetAsync($"/v1/imports/{importId}")).JsonAsync();
        Assert.Equal(("claude", "conversations.json", 1), (import.GetProperty("provider").GetString(), import.GetProperty("file_name").GetString(),
            import.GetProperty("counts").GetProperty("conversations").GetInt32()));
    }

    private static ByteArrayContent Body(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}

public sealed class PageUploadTestsOnSqlite : PageUploadTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class PageUploadTestsOnPostgres : PageUploadTests
{
    protected override Backend Backend => Backend.Postgres;
}
