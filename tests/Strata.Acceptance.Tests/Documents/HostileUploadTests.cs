using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Storage.Compliance;

namespace Strata.Acceptance.Tests.Documents;

/// <summary>
/// The attack that used to take a server down for every user: a 1 MB HTML file of ~200,000 nested elements, uploaded
/// over REST to a real <c>strata serve</c> whose workers convert it after the 201. The document ends
/// <c>conversion_failed</c> with the nesting limit named, and the same server stays up and converts the next file.
/// </summary>
public sealed class HostileUploadTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("strata-hostile-").FullName;
    private string? _database;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_deeply_nested_html_upload_fails_its_conversion_and_the_server_stays_up(string backend)
    {
        if (backend == Backends.Postgres) _database = await PostgresTestDatabase.CreateAsync();
        string[] database = _database is null ? [] : ["--database", _database];
        var created = await new StrataProcess(_data).RunAsync([.. database, "--json", "users", "create", "mallory"]);
        Assert.True(created.Exit == 0, created.Error);
        var key = JsonDocument.Parse(created.Out).RootElement.GetProperty("api_key").GetString()!;

        using var serve = await ServeChild.StartAsync(_data, new Dictionary<string, string>(), database);
        using var http = serve.Client(key);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("projects", new { name = "Attack" })).StatusCode);

        var hostile = await UploadAsync(http, "nested.html", string.Concat(Enumerable.Repeat("<div>", 200_000)) + "x");
        var failed = await SettledAsync(http, hostile);

        Assert.Equal("conversion_failed", failed.GetProperty("status").GetString());
        Assert.StartsWith("MALFORMED_CONTENT: ", failed.GetProperty("error").GetString());
        Assert.Contains("512", failed.GetProperty("error").GetString());
        Assert.False(serve.HasExited, "strata serve exited");
        var plain = await SettledAsync(http, await UploadAsync(http, "plain.html", "<h1>Still</h1><p>up</p>"));
        Assert.Equal(("ingested", 2), (plain.GetProperty("status").GetString(), plain.GetProperty("block_count").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await new HttpClient { BaseAddress = serve.BaseAddress }.GetAsync("health")).StatusCode);
    }

    /// <summary>Uploads without waiting, as an attacker would: the answer comes before any worker touches the file.</summary>
    private static async Task<string> UploadAsync(HttpClient http, string name, string html)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(html)), "files", name);
        var response = await http.PostAsync("projects/Attack/uploads?wait=false", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return answer.GetProperty("files")[0].GetProperty("result").GetProperty("document").GetProperty("document_id").GetString()!;
    }

    private static async Task<JsonElement> SettledAsync(HttpClient http, string documentId)
    {
        JsonElement document = default;
        await Eventually.TrueAsync(async () =>
        {
            document = JsonDocument.Parse(await http.GetStringAsync($"documents/{documentId}")).RootElement.Clone();
            return document.GetProperty("status").GetString() is "ingested" or "conversion_failed";
        }, $"document {documentId} settled");
        return document;
    }

    public void Dispose()
    {
        if (_database is not null) PostgresTestDatabase.DropAsync(_database).GetAwaiter().GetResult();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
