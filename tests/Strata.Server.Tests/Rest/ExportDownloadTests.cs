using System.IO.Compression;
using System.Net;
using System.Text;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

/// <summary>GET /v1/exports/...: streamed downloads with their file name and media type, the same bytes as the service
/// writes; refusals (an unknown format, a document not converted) are ordinary error answers, sent before any byte.</summary>
public abstract class ExportDownloadTests
{
    protected abstract Backend Backend { get; }

    [Fact]
    public async Task Entities_documents_projects_and_reconstructions_download_as_files()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        await client.PostAsync("/v1/entities", HttpTesting.JsonBody(
            """{"entities":[{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com"},{"entity_type":"company","name":"Engines","domain":"engines.example"}]}"""));
        await client.PostAsync("/v1/projects", HttpTesting.JsonBody("""{"name":"Contracts"}"""));
        const string lease = "# Lease\n\nRent is due monthly.\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(lease)), "files", "lease.md" } };
        var upload = await (await client.PostAsync("/v1/projects/Contracts/uploads", form)).JsonAsync(HttpStatusCode.Created);
        var document = upload.GetProperty("files")[0].GetProperty("result").GetProperty("document").GetProperty("document_id").GetString()!;

        var entities = await client.GetAsync("/v1/exports/entities?format=jsonl");
        Assert.Equal(HttpStatusCode.OK, entities.StatusCode);
        Assert.Equal("application/jsonl", entities.Content.Headers.ContentType!.MediaType);
        Assert.Equal("entities.jsonl", entities.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(2, (await entities.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var parquet = await client.GetAsync("/v1/exports/entities?format=parquet&include_relations=true");
        using (var zip = new ZipArchive(await parquet.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(["entities/company.parquet", "entities/contact.parquet", "relations.parquet"], zip.Entries.Select(e => e.FullName).Order());
        }

        var blocks = await client.GetAsync($"/v1/exports/documents/{document}");
        Assert.Equal(2, (await blocks.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var rebuilt = await client.GetAsync($"/v1/exports/documents/{document}/reconstruction");
        Assert.Equal(lease, await rebuilt.Content.ReadAsStringAsync());
        Assert.Equal("lease.revised.md", rebuilt.Content.Headers.ContentDisposition!.FileNameStar);
        var project = await client.GetAsync("/v1/exports/projects/Contracts?format=csv");
        using (var zip = new ZipArchive(await project.Content.ReadAsStreamAsync()))
        {
            Assert.Equal($"documents/{document}.csv", Assert.Single(zip.Entries).FullName);
        }
        var dataset = await client.GetAsync("/v1/exports/projects/Contracts?format=parquet-dataset");
        Assert.Equal(HttpStatusCode.OK, dataset.StatusCode);

        Assert.Equal("VALIDATION_FAILED", await (await client.GetAsync("/v1/exports/entities?format=xml")).ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("VALIDATION_FAILED", await (await client.GetAsync("/v1/exports/entities?include_merged=maybe")).ProblemCodeAsync(HttpStatusCode.BadRequest));
    }
}

public sealed class ExportDownloadTestsOnSqlite : ExportDownloadTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class ExportDownloadTestsOnPostgres : ExportDownloadTests
{
    protected override Backend Backend => Backend.Postgres;
}
