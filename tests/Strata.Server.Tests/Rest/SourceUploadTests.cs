using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

public abstract class SourceUploadTests
{
    protected abstract Backend Backend { get; }

    [Fact]
    public async Task A_raw_body_is_stored_as_a_source_and_interpreted()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));

        var response = await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact");
        var result = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/v1/sources/{result.GetProperty("source_id").GetString()}", response.Headers.Location?.ToString());
        Assert.Equal("text/csv", result.GetProperty("mime_type").GetString());
        Assert.Equal("people.csv", result.GetProperty("original_filename").GetString());
        Assert.Equal(2, result.GetProperty("interpretation").GetProperty("entities_total").GetInt32());
    }

    [Fact]
    public async Task The_same_bytes_again_are_the_same_source_answered_with_200()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        var first = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv")).JsonAsync(HttpStatusCode.Created);

        var second = await (await client.UploadAsync(Samples.PeopleCsv, "filename=again.csv")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("source_id").GetString(), second.GetProperty("source_id").GetString());
        Assert.True(second.GetProperty("deduplicated").GetBoolean());
        Assert.True(second.GetProperty("interpretation").GetProperty("skipped").GetBoolean());
    }

    [Fact]
    public async Task An_upload_the_blob_store_refuses_past_the_pending_cap_is_503_BLOB_STORE_UNAVAILABLE_with_Retry_After()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false, wrapBlobStore: blobs => new RefusingBlobStore(blobs),
            settings: new Dictionary<string, string?> { ["PendingUploads:MaxBytesPerUser"] = "100" });
        using var client = server.Client(await server.CreateUserAsync("alice"));

        var waiting = await (await client.UploadAsync("a small file", "filename=small.txt")).JsonAsync(HttpStatusCode.Created);
        var refused = await client.UploadAsync(new string('x', 200), "filename=large.txt");
        var problem = await refused.JsonAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal("pending", waiting.GetProperty("storage_status").GetString());
        Assert.Equal("BLOB_STORE_UNAVAILABLE", problem.GetProperty("code").GetString());
        Assert.Equal("30", Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.DoesNotContain("Read-only", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_multipart_upload_takes_its_fields_before_the_file_part()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("contact"), "entity_type" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Samples.PeopleCsv)), "file", "from-form.csv" },
        };

        var result = await (await client.PostAsync("/v1/sources", form)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("from-form.csv", result.GetProperty("original_filename").GetString());
        Assert.Equal("text/csv", result.GetProperty("mime_type").GetString());
        var entities = await (await client.GetAsync("/v1/entities?entity_type=contact&include_total=true")).JsonAsync();
        Assert.Equal(2, entities.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_multipart_body_without_a_file_part_is_refused()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        using var form = new MultipartFormDataContent { { new StringContent("contact"), "entity_type" } };

        var response = await client.PostAsync("/v1/sources", form);

        Assert.Equal("VALIDATION_FAILED", await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
    }

    /// <summary>Multipart bodies that break the format: each is the sender's mistake (400), never the server's (500).</summary>
    public static TheoryData<string, string, string> MalformedBodies => new()
    {
        { "no boundary line", "multipart/form-data; boundary=XyZ", "a body that never starts a part\r\n" },
        { "a part that ends before its boundary", "multipart/form-data; boundary=XyZ",
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\n" + Samples.PeopleCsv },
        { "no boundary parameter", "multipart/form-data",
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n\r\n" + Samples.PeopleCsv + "\r\n--XyZ--\r\n" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_multipart_body_is_refused_as_VALIDATION_FAILED_by_both_uploads_and_stores_nothing(string what, string contentType, string body)
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        (await client.PostAsync("/v1/projects", new StringContent("""{"name":"Inbox"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        foreach (var path in new[] { "/v1/sources", "/v1/projects/Inbox/uploads" })
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            var response = await client.PostAsync(path, content);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what} to {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("VALIDATION_FAILED", await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
        }
        Assert.Equal(0, (await (await client.GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, (await (await client.GetAsync("/v1/projects/Inbox/documents?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_declared_content_type_is_the_media_type_unless_it_says_nothing()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        var vcard = new ByteArrayContent(Encoding.UTF8.GetBytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@example.com\r\nEND:VCARD\r\n"));
        vcard.Headers.ContentType = new MediaTypeHeaderValue("text/vcard");
        var octets = new ByteArrayContent(Encoding.UTF8.GetBytes(Samples.PeopleCsv));
        octets.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var declared = await (await client.PostAsync("/v1/sources", vcard)).JsonAsync(HttpStatusCode.Created);
        var detected = await (await client.PostAsync("/v1/sources?filename=people.csv", octets)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("text/vcard", declared.GetProperty("mime_type").GetString());
        Assert.Equal("text/csv", detected.GetProperty("mime_type").GetString());
    }

    [Fact]
    public async Task An_empty_upload_is_refused_as_EMPTY_FILE_and_stores_nothing()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));

        var response = await client.UploadAsync("", "filename=empty.csv");

        Assert.Equal("EMPTY_FILE", await response.ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
        Assert.Equal(0, (await (await client.GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_file_just_over_the_limit_is_refused_with_413_and_stores_nothing()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, maxUploadBytes: 1024);
        using var client = server.Client(await server.CreateUserAsync("alice"));

        var response = await client.UploadAsync(new string('x', 1025), "filename=big.txt");

        Assert.Equal("FILE_TOO_LARGE", await response.ProblemCodeAsync(HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal(0, (await (await client.GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_body_declared_far_over_the_limit_is_refused_before_any_of_it_is_sent()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, maxUploadBytes: 1024);
        var key = await server.CreateUserAsync("alice");
        // With Expect: 100-continue the client sends the body only once the server asks for it; a server that
        // refused from Content-Length alone never asks. The long wait is a ceiling, not a measured duration.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        client.DefaultRequestHeaders.ExpectContinue = true;
        const long total = 64L * 1024 * 1024;
        var body = new CountingStream(total);
        var content = new StreamContent(body);
        content.Headers.ContentLength = total;

        var response = await client.PostAsync("/v1/sources?filename=huge.bin", content);

        Assert.Equal("FILE_TOO_LARGE", await response.ProblemCodeAsync(HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal(0, body.Produced);
        Assert.Equal(0, (await (await server.Client(key).GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
    }

    /// <summary>Produces zeros up to a length without holding them, counting how many the client actually sent.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long Produced { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Produced; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Produced);
            Array.Clear(buffer, offset, n);
            Produced += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class SourceUploadTestsOnSqlite : SourceUploadTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class SourceUploadTestsOnPostgres : SourceUploadTests
{
    protected override Backend Backend => Backend.Postgres;
}
