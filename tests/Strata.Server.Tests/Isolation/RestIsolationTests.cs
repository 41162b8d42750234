using System.Net;
using System.Text;
using Strata.Server.Rest;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Isolation;

/// <summary>
/// Every REST endpoint, called by Bob about Alice's things: reads and changes find nothing (404, worded exactly as for
/// an id that never existed, or empty lists), writes of the same content make Bob's own copies —
/// and afterwards Alice's data is exactly as it was.
/// </summary>
public abstract class RestIsolationTests : IAsyncLifetime
{
    private static readonly Dictionary<string, Func<AliceWorld, HttpClient, Task>> Cases = new()
    {
        ["POST /v1/sources"] = async (w, bob) =>
        {
            var answer = await (await bob.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact")).JsonAsync(HttpStatusCode.Created);
            Assert.False(answer.GetProperty("deduplicated").GetBoolean());
            w.AssertNoAliceIdIn(answer.GetProperty("source_id").GetString()! + answer.GetProperty("interpretation").GetRawText());
        },
        ["GET /v1/sources"] = async (w, bob) =>
        {
            var answer = await (await bob.GetAsync("/v1/sources?include_total=true")).JsonAsync();
            Assert.Equal(1, answer.GetProperty("total").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["GET /v1/sources/{source_id}"] = (w, bob) => AssertSameAsMissingAsync(bob, $"/v1/sources/{w.SourceId}", "/v1/sources/src_000000000000000000000000", w.SourceId),
        ["POST /v1/sources/{source_id}/reinterpret"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/sources/{id}/reinterpret", null), w.SourceId, MissingSource, "SOURCE_NOT_FOUND"),
        ["GET /v1/sources/{source_id}/content"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/sources/{id}/content?length=10"), w.SourceId, MissingSource, "SOURCE_NOT_FOUND"),
        ["POST /v1/sources/{source_id}/interpretations"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/sources/{id}/interpretations",
            HttpTesting.JsonBody("""{"interpreter":"bob-bot","entities":[{"entity_type":"contact","name":"Ada Lovelace"}]}""")), w.SourceId, MissingSource, "SOURCE_NOT_FOUND"),
        ["GET /v1/models"] = async (w, bob) =>
        {
            var answer = await (await bob.GetAsync("/v1/models")).JsonAsync();
            Assert.Equal("none", answer.GetProperty("providers")[0].GetProperty("key").GetString());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["PUT /v1/models/default"] = async (w, bob) =>
        {
            var answer = await (await bob.PutAsync("/v1/models/default", HttpTesting.JsonBody("""{"model":"fake/bobs-model"}"""))).JsonAsync();
            Assert.Equal("fake/bobs-model", answer.GetProperty("user_default_model").GetString());
        },
        ["GET /v1/keys"] = async (w, bob) =>
        {
            Assert.Equal(0, (await (await bob.GetAsync("/v1/keys")).JsonAsync()).GetProperty("keys").GetArrayLength());
        },
        ["PUT /v1/keys/{provider}"] = async (w, bob) =>
        {
            var response = await bob.PutAsync("/v1/keys/fake", HttpTesting.JsonBody("""{"key":"sk-bob-999"}"""));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Strata.Core.Llm.ProviderKeyService.Fingerprint("sk-bob-999"), text);
            Assert.DoesNotContain("sk-bob-999", text);
        },
        ["DELETE /v1/keys/{provider}"] = async (w, bob) =>
        {
            Assert.Equal("LLM_KEY_NOT_FOUND", await (await bob.DeleteAsync("/v1/keys/fake")).ProblemCodeAsync(HttpStatusCode.NotFound));
        },
        ["POST /v1/entities"] = async (w, bob) =>
        {
            var answer = await (await bob.PostAsync("/v1/entities", HttpTesting.JsonBody($$"""{"entities":{{Samples.StructuredEntities}}}"""))).JsonAsync();
            Assert.All(answer.GetProperty("entities").EnumerateArray(), e => Assert.Equal("created", e.GetProperty("action").GetString()));
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["GET /v1/entities"] = async (w, bob) =>
        {
            var all = await (await bob.GetAsync("/v1/entities?include_merged=true")).JsonAsync();
            var search = await (await bob.GetAsync("/v1/entities?query=Lovelace&include_total=true")).JsonAsync();
            Assert.Equal(w.BobsEntityId, Assert.Single(all.GetProperty("entities").EnumerateArray()).GetProperty("entity_id").GetString());
            Assert.Equal(0, search.GetProperty("total").GetInt32());
        },
        ["GET /v1/entities/{entity_id}"] = (w, bob) => AssertSameAsMissingAsync(bob, $"/v1/entities/{w.AdaId}", $"/v1/entities/{AliceWorld.MissingEntity}", w.AdaId),
        ["GET /v1/entities/{entity_id}/observations"] = (w, bob) =>
            AssertSameAsMissingAsync(bob, $"/v1/entities/{w.AdaId}/observations", $"/v1/entities/{AliceWorld.MissingEntity}/observations", w.AdaId),
        ["GET /v1/entities/{entity_id}/relations"] = (w, bob) =>
            AssertSameAsMissingAsync(bob, $"/v1/entities/{w.AdaId}/relations", $"/v1/entities/{AliceWorld.MissingEntity}/relations", w.AdaId),
        ["GET /v1/entities/{entity_id}/neighbourhood"] = (w, bob) =>
            AssertSameAsMissingAsync(bob, $"/v1/entities/{w.AdaId}/neighbourhood?depth=2", $"/v1/entities/{AliceWorld.MissingEntity}/neighbourhood?depth=2", w.AdaId),
        ["GET /v1/paths"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/paths?from_entity_id={id}&to_entity_id={w.BobsEntityId}"), w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/paths?from_entity_id={w.BobsEntityId}&to_entity_id={id}"), w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
        },
        ["GET /v1/entities/{entity_id}/provenance/{field}"] = (w, bob) =>
            AssertSameAsMissingAsync(bob, $"/v1/entities/{w.AdaId}/provenance/title", $"/v1/entities/{AliceWorld.MissingEntity}/provenance/title", w.AdaId),
        ["POST /v1/entities/{entity_id}/corrections"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/entities/{id}/corrections", HttpTesting.JsonBody("""{"field":"title","value":"Nobody"}""")),
                w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            await AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/entities/{id}/corrections", HttpTesting.JsonBody("""{"field":"title","value":null}""")),
                w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
        },
        ["POST /v1/merges"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.PostAsync("/v1/merges", HttpTesting.JsonBody($$"""{"from_entity_id":"{{w.BobsEntityId}}","to_entity_id":"{{id}}"}""")),
                w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            await AssertSameAsMissingAsync(id => bob.PostAsync("/v1/merges", HttpTesting.JsonBody($$"""{"from_entity_id":"{{id}}","to_entity_id":"{{w.BobsEntityId}}"}""")),
                w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            await AssertSameAsMissingAsync(id => bob.PostAsync("/v1/merges", HttpTesting.JsonBody($$"""{"from_entity_id":"{{id}}","to_entity_id":"{{w.AlanId}}"}""")),
                w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
        },
        ["POST /v1/entities/{entity_id}/splits"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/entities/{id}/splits", HttpTesting.JsonBody("""{"observation_ids":["obs_000000000000000000000000"]}""")),
                w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND"),
        ["POST /v1/merges/{merge_id}/unmerge"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/merges/{id}/unmerge", HttpTesting.JsonBody("{}")), w.MergeId, AliceWorld.MissingMerge, "MERGE_NOT_FOUND"),
        ["POST /v1/reresolutions"] = async (w, bob) =>
        {
            var answer = await (await bob.PostAsync("/v1/reresolutions", HttpTesting.JsonBody("""{"dry_run":false}"""))).JsonAsync();
            Assert.Equal(1, answer.GetProperty("entities_examined").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["GET /v1/timeline"] = async (w, bob) =>
        {
            var answer = await (await bob.GetAsync("/v1/timeline?include_total=true")).JsonAsync();
            Assert.Equal(0, answer.GetProperty("total").GetInt32());
        },
        ["GET /v1/runs"] = async (w, bob) =>
        {
            var all = await (await bob.GetAsync("/v1/runs?include_total=true")).JsonAsync();
            var hers = await bob.GetAsync($"/v1/runs?source_id={w.SourceId}");
            Assert.Equal(1, all.GetProperty("total").GetInt32());
            w.AssertNoAliceIdIn(all.GetRawText());
            Assert.Equal("SOURCE_NOT_FOUND", await hers.ProblemCodeAsync(HttpStatusCode.NotFound));
        },
        ["GET /v1/runs/{run_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/runs/{id}"), w.RunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["GET /v1/runs/{run_id}/items"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/runs/{id}/items"), w.RunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/runs/{run_id}/cancel"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/runs/{id}/cancel", HttpTesting.JsonBody("{}")), w.RunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["GET /v1/schemas"] = async (w, bob) =>
        {
            var answer = await (await bob.GetAsync("/v1/schemas")).JsonAsync();
            Assert.DoesNotContain(answer.GetProperty("schemas").EnumerateArray(), s => s.GetProperty("entity_type").GetString() == "book");
        },
        ["POST /v1/schemas"] = async (w, bob) =>
        {
            var answer = await (await bob.PostAsync("/v1/schemas", HttpTesting.JsonBody(Samples.BookSchema))).JsonAsync(HttpStatusCode.Created);
            Assert.Equal(1, answer.GetProperty("version").GetInt32());
            Assert.True(answer.GetProperty("created").GetBoolean());
        },
        ["GET /v1/schemas/{entity_type}"] = async (w, bob) =>
        {
            var response = await bob.GetAsync("/v1/schemas/book");
            Assert.Equal("SCHEMA_NOT_FOUND", await response.ProblemCodeAsync(HttpStatusCode.NotFound));
        },
        ["GET /v1/usage"] = async (w, bob) =>
        {
            var answer = await (await bob.GetAsync("/v1/usage")).JsonAsync();
            Assert.Equal(w.BobId, answer.GetProperty("user_id").GetString());
            Assert.Equal(0, answer.GetProperty("interpretations_this_month").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["GET /v1/duplicates"] = async (w, bob) =>
        {
            var answer = await (await bob.GetAsync("/v1/duplicates?include_dismissed=true&include_total=true")).JsonAsync();
            var ofContacts = await (await bob.GetAsync("/v1/duplicates?entity_type=contact&include_total=true")).JsonAsync();
            Assert.Equal(0, answer.GetProperty("total").GetInt32());
            Assert.Equal(0, ofContacts.GetProperty("total").GetInt32());
        },
        ["POST /v1/duplicates/dismissals"] = async (w, bob) =>
        {
            var hers = await bob.PostAsync("/v1/duplicates/dismissals", HttpTesting.JsonBody($$"""{"entity_a":"{{w.AlanTwinId}}","entity_b":"{{w.AlanId}}"}"""));
            var nobodys = await bob.PostAsync("/v1/duplicates/dismissals", HttpTesting.JsonBody($$"""{"entity_a":"{{AliceWorld.MissingEntity}}","entity_b":"{{AliceWorld.OtherMissingEntity}}"}"""));
            Assert.Equal("DUPLICATE_NOT_FOUND", await hers.ProblemCodeAsync(HttpStatusCode.NotFound));
            Assert.Equal("DUPLICATE_NOT_FOUND", await nobodys.ProblemCodeAsync(HttpStatusCode.NotFound));
            Assert.Equal(
                (await nobodys.Content.ReadAsStringAsync()).Replace(AliceWorld.MissingEntity, "<a>").Replace(AliceWorld.OtherMissingEntity, "<b>"),
                (await hers.Content.ReadAsStringAsync()).Replace(w.AlanTwinId, "<a>").Replace(w.AlanId, "<b>"));
        },
        ["POST /v1/block-schemas"] = async (w, bob) =>
        {
            var answer = await (await bob.PostAsync("/v1/block-schemas", HttpTesting.JsonBody(
                """{"schema_ref":"clause-review","properties":{"owner":{"type":"string"}}}"""))).JsonAsync(HttpStatusCode.Created);
            Assert.Equal(1, answer.GetProperty("version").GetInt32());
        },
        ["GET /v1/block-schemas"] = async (w, bob) =>
        {
            Assert.Equal(0, (await (await bob.GetAsync("/v1/block-schemas")).JsonAsync()).GetProperty("items").GetArrayLength());
        },
        ["GET /v1/block-schemas/{schema_ref}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/block-schemas/{id}"), AliceWorld.BlockSchemaRef, "no-such-schema", "SCHEMA_NOT_FOUND"),
        ["DELETE /v1/block-schemas/{schema_ref}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.DeleteAsync($"/v1/block-schemas/{id}?force=true"), AliceWorld.BlockSchemaRef, "no-such-schema", "SCHEMA_NOT_FOUND"),
        ["POST /v1/block-runs"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync("/v1/block-runs",
            HttpTesting.JsonBody($$"""{"document_id":"{{id}}","schema_ref":"{{AliceWorld.BlockSchemaRef}}"}""")), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["GET /v1/block-runs"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/block-runs?document_id={id}"), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND");
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/block-runs?document_ids={id}&per_document=1"), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND");
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/block-runs?project_id={id}"), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
        },
        ["GET /v1/block-runs/{run_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/block-runs/{id}"), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/block-runs/{run_id}/cancel"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/block-runs/{id}/cancel", HttpTesting.JsonBody("{}")), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/block-runs/{run_id}/bulk-changes"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/block-runs/{id}/bulk-changes",
            HttpTesting.JsonBody("""{"action":"confirm","blocks":[1]}""")), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/bulk-changes/{change_id}/undo"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/bulk-changes/{id}/undo",
            HttpTesting.JsonBody("{}")), w.BulkChangeId, AliceWorld.MissingBulkChange, "BULK_CHANGE_NOT_FOUND"),
        ["DELETE /v1/block-runs/{run_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.DeleteAsync($"/v1/block-runs/{id}"), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["GET /v1/block-runs/{run_id}/values"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/block-runs/{id}/values"), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["GET /v1/block-runs/{run_id}/values/{block_index}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/block-runs/{id}/values/0"), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/block-runs/{run_id}/values/{block_index}/confirm"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/block-runs/{id}/values/0/confirm", HttpTesting.JsonBody("{}")), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/block-runs/{run_id}/values/{block_index}/reject"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/block-runs/{id}/values/0/reject", HttpTesting.JsonBody("{}")), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["PUT /v1/block-runs/{run_id}/values/{block_index}"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PutAsync($"/v1/block-runs/{id}/values/0",
            HttpTesting.JsonBody("""{"value":{"topic":"rent"}}""")), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/review/confirmations"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync("/v1/review/confirmations",
            HttpTesting.JsonBody($$"""{"scope":"project","id":"{{id}}"}""")), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["POST /v1/block-runs/{run_id}/matching/confirmations"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/block-runs/{id}/matching/confirmations",
            HttpTesting.JsonBody("{}")), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/block-runs/{run_id}/matching/rejections"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/block-runs/{id}/matching/rejections",
            HttpTesting.JsonBody("""{"dry_run":true}""")), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/review/retries"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync("/v1/review/retries",
            HttpTesting.JsonBody($$"""{"scope":"run","id":"{{id}}"}""")), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["POST /v1/projects/{project_id}/block-runs"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/projects/{id}/block-runs",
            HttpTesting.JsonBody($$"""{"schema_ref":"{{AliceWorld.BlockSchemaRef}}"}""")), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["POST /v1/projects/{project_id}/block-runs/pending"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/projects/{id}/block-runs/pending", HttpTesting.JsonBody("{}")), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["GET /v1/projects/{project_id}/review"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/projects/{id}/review"), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["POST /v1/imports"] = async (w, bob) =>
        {
            var answer = await (await bob.PostAsync("/v1/imports", HttpTesting.JsonBody(
                $$"""{"provider":"claude","content_base64":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(AliceWorld.ChatExport))}}"}"""))).JsonAsync(HttpStatusCode.Created);
            Assert.Equal(1, answer.GetProperty("counts").GetProperty("conversations_added").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["GET /v1/imports/{import_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/imports/{id}"), w.ImportId, AliceWorld.MissingImport, "IMPORT_NOT_FOUND"),
        ["GET /v1/imports"] = async (w, bob) =>
        {
            var answer = await (await bob.GetAsync("/v1/imports?include_total=true")).JsonAsync();
            Assert.Equal(0, answer.GetProperty("total").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["POST /v1/imports/{import_id}/resume"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/imports/{id}/resume", HttpTesting.JsonBody("{}")), w.ImportId, AliceWorld.MissingImport, "IMPORT_NOT_FOUND"),
        ["GET /v1/chat-evidence"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/chat-evidence?observation_id={id}"), w.AdaObservationId, AliceWorld.MissingObservation, "OBSERVATION_NOT_FOUND");
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/chat-evidence?entity_id={id}&field=name"), w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
        },
        ["GET /v1/memory"] = async (w, bob) =>
        {
            var answer = await (await bob.GetAsync("/v1/memory")).JsonAsync();
            Assert.Contains("Bob's friend", answer.GetProperty("markdown").GetString());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["POST /v1/recall"] = async (w, bob) =>
        {
            var answer = await (await bob.PostAsync("/v1/recall", HttpTesting.JsonBody("""{"query":"tenant pays rent monthly, oat milk, friend, Ada knows Alan Turing"}"""))).JsonAsync();
            var result = Assert.Single(answer.GetProperty("results").EnumerateArray());
            Assert.Contains("Bob's friend", result.GetProperty("text").GetString());
            Assert.DoesNotContain("tenant", answer.GetProperty("context").GetString());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["GET /v1/recall/status"] = async (w, bob) =>
        {
            var status = await (await bob.GetAsync("/v1/recall/status")).JsonAsync();
            Assert.Equal(0, status.GetProperty("units").GetInt64());
            Assert.Equal(0, status.GetProperty("index").GetProperty("total").GetInt32());
            Assert.True((await w.Server.Services.RecallStatus.StatusAsync(w.AliceId, CancellationToken.None)).Units > 0);
            w.AssertNoAliceIdIn(status.GetRawText());
        },
        ["GET /v1/chat-imports/{import_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/chat-imports/{id}"), w.ImportId, AliceWorld.MissingImport, "IMPORT_NOT_FOUND"),
        ["POST /v1/projects"] = async (w, bob) =>
        {
            var answer = await (await bob.PostAsync("/v1/projects", HttpTesting.JsonBody($$"""{"name":"{{AliceWorld.ProjectName}}"}"""))).JsonAsync(HttpStatusCode.Created);
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["GET /v1/projects"] = async (w, bob) =>
        {
            Assert.Equal(0, (await (await bob.GetAsync("/v1/projects?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
        },
        ["GET /v1/projects/{project}"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/projects/{id}"), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
            Assert.Equal("PROJECT_NOT_FOUND", await (await bob.GetAsync($"/v1/projects/{AliceWorld.ProjectName}")).ProblemCodeAsync(HttpStatusCode.NotFound));
        },
        ["PATCH /v1/projects/{project}"] = (w, bob) => AssertSameAsMissingAsync(
            id => bob.PatchAsync($"/v1/projects/{id}", HttpTesting.JsonBody("""{"name":"Bob's now"}""")), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["DELETE /v1/projects/{project}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.DeleteAsync($"/v1/projects/{id}"), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["GET /v1/projects/{project}/documents"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/projects/{id}/documents"), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["POST /v1/projects/{project}/documents"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/projects/{id}/documents", HttpTesting.JsonBody($$"""{"source_id":"{{w.SourceId}}"}""")),
                w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
            await bob.PostAsync("/v1/projects", HttpTesting.JsonBody("""{"name":"Bob's"}"""));
            await AssertSameAsMissingAsync(id => bob.PostAsync("/v1/projects/Bob's/documents", HttpTesting.JsonBody($$"""{"source_id":"{{id}}"}""")),
                w.SourceId, MissingSource, "SOURCE_NOT_FOUND");
        },
        ["POST /v1/projects/{project}/uploads"] = (w, bob) => AssertSameAsMissingAsync(id => bob.PostAsync($"/v1/projects/{id}/uploads", Upload("bob.md", "# Bob")),
            w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["GET /v1/documents/{document_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/documents/{id}"), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["DELETE /v1/documents/{document_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.DeleteAsync($"/v1/documents/{id}"), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["GET /v1/documents/{document_id}/blocks"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/documents/{id}/blocks"), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["GET /v1/blocks/{block_uid}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/blocks/{id}"), w.BlockUid, AliceWorld.MissingBlock, "BLOCK_NOT_FOUND"),
        ["POST /v1/webhooks"] = async (w, bob) =>
        {
            var added = await bob.PostAsync("/v1/webhooks", HttpTesting.JsonBody("""{"url":"http://127.0.0.1:9/bob-hook","events":"export.ready"}"""));
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            w.AssertNoAliceIdIn(await added.Content.ReadAsStringAsync());
        },
        ["GET /v1/webhooks"] = async (w, bob) =>
        {
            var listed = await (await bob.GetAsync("/v1/webhooks")).JsonAsync();
            Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
        },
        ["DELETE /v1/webhooks/{webhook_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.DeleteAsync($"/v1/webhooks/{id}"), w.WebhookId, AliceWorld.MissingWebhook, "WEBHOOK_NOT_FOUND"),
        ["GET /v1/webhooks/deliveries"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/webhooks/deliveries?webhook_id={id}"), w.WebhookId, AliceWorld.MissingWebhook, "WEBHOOK_NOT_FOUND");
            Assert.Equal(0, (await (await bob.GetAsync("/v1/webhooks/deliveries")).JsonAsync()).GetProperty("items").GetArrayLength());
        },
        ["GET /v1/deletions/preview"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/deletions/preview?project={id}"), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
            Assert.Equal("PROJECT_NOT_FOUND", await (await bob.GetAsync($"/v1/deletions/preview?project={Uri.EscapeDataString(AliceWorld.ProjectName)}"))
                .ProblemCodeAsync(HttpStatusCode.NotFound));
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/deletions/preview?document_id={id}"), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND");
        },
        ["GET /v1/deletions"] = async (w, bob) =>
        {
            Assert.Equal(0, (await (await bob.GetAsync("/v1/deletions?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
        },
        ["DELETE /v1/entities/{entity_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.DeleteAsync($"/v1/entities/{id}"), w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND"),
        ["DELETE /v1/observations/{observation_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.DeleteAsync($"/v1/observations/{id}"), w.AdaObservationId, AliceWorld.MissingObservation, "OBSERVATION_NOT_FOUND"),
        ["DELETE /v1/sources/{source_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.DeleteAsync($"/v1/sources/{id}"), w.SourceId, MissingSource, "SOURCE_NOT_FOUND"),
        ["GET /v1/archive"] = async (w, bob) =>
        {
            var archive = await ArchiveDownloadAsync(bob);
            Assert.Contains(w.BobsEntityId, archive.Text);
            w.AssertNoAliceIdIn(archive.Text);
        },
        ["POST /v1/archive"] = async (w, bob) =>
        {
            // Bob's own archive loads into his own store (nothing new); the same archive relabelled as Alice's is refused.
            var archive = await ArchiveDownloadAsync(bob);
            var again = await (await bob.PostAsync("/v1/archive", new ByteArrayContent(archive.Bytes))).JsonAsync();
            Assert.Equal(0, again.GetProperty("rows_added").GetInt32());
            var forged = ArchiveWithUser(archive.Bytes, w.BobId, w.AliceId);
            Assert.Equal("ARCHIVE_USER_MISMATCH", await (await bob.PostAsync("/v1/archive", new ByteArrayContent(forged))).ProblemCodeAsync(HttpStatusCode.Conflict));
        },
        ["GET /v1/exports/entities"] = async (w, bob) =>
        {
            var response = await bob.GetAsync("/v1/exports/entities?include_merged=true&include_relations=true");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
            var text = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
            Assert.Contains(w.BobsEntityId, text);
            w.AssertNoAliceIdIn(text);
        },
        ["GET /v1/exports/documents/{document_id}"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/exports/documents/{id}?format=parquet"), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["GET /v1/exports/documents/{document_id}/reconstruction"] = (w, bob) =>
            AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/exports/documents/{id}/reconstruction"), w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["GET /v1/exports/projects/{project}"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/exports/projects/{id}"), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
            await AssertSameAsMissingAsync(id => bob.GetAsync($"/v1/exports/projects/{id}?format=parquet-dataset"), w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
        },
        ["GET /v1/exports/neo4j"] = async (w, bob) =>
        {
            var response = await bob.GetAsync("/v1/exports/neo4j");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains(w.BobsEntityId, text);
            w.AssertNoAliceIdIn(text);
        },
        ["GET /v1/exports/memory"] = async (w, bob) =>
        {
            foreach (var format in new[] { "markdown", "json" })
            {
                var response = await bob.GetAsync($"/v1/exports/memory?format={format}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = await response.Content.ReadAsStringAsync();
                Assert.Contains(w.BobsEntityId, text);
                w.AssertNoAliceIdIn(text);
            }
        },
    };

    /// <summary>The caller's archive, and all its entries as one text to search for ids.</summary>
    private static async Task<(byte[] Bytes, string Text)> ArchiveDownloadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/archive");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd()).Append('\n');
        }
        return (bytes, text.ToString());
    }

    /// <summary>The same archive with another user's id written into its manifest.</summary>
    private static byte[] ArchiveWithUser(byte[] archive, string from, string to)
    {
        var copy = new MemoryStream();
        copy.Write(archive);
        using (var zip = new System.IO.Compression.ZipArchive(copy, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var manifest = zip.GetEntry("manifest.json")!;
            string text;
            using (var reader = new StreamReader(manifest.Open())) text = reader.ReadToEnd();
            manifest.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            writer.Write(text.Replace(from, to, StringComparison.Ordinal));
        }
        return copy.ToArray();
    }

    private static MultipartFormDataContent Upload(string fileName, string text) =>
        new() { { new StringContent(text), "file", fileName } };

    private const string MissingSource = "src_000000000000000000000000";

    private readonly AliceWorld _world;

    protected RestIsolationTests(SharedAliceWorld shared) => _world = shared.World;

    public static TheoryData<string> Endpoints() => new(Cases.Keys);

    /// <summary>A Bob of his own for each row; Alice's world is the class's (each derived class has one on its database).</summary>
    public Task InitializeAsync() => _world.NewBobAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Another_user_cannot_read_change_or_learn_of_alices_data_through(string endpoint)
    {
        using var bob = _world.Server.Client(_world.BobKey);

        await Cases[endpoint](_world, bob);

        await _world.AssertAliceUnchangedAsync();
    }

    [Fact]
    public void Every_REST_endpoint_has_an_isolation_case()
    {
        var endpoints = RestApi.Routes.Concat(RestApi.Retired.Select(r => r.Route)).Select(r => $"{r.Method} {r.Pattern}")
            .Append($"POST {RestApi.SourcesPath}").Append($"POST {RestApi.UploadsPath}")
            .Append($"GET {ArchiveEndpoints.Path}").Append($"POST {ArchiveEndpoints.Path}")
            .Concat(ExportDownloads.Paths.Select(p => $"GET {p}"));

        Assert.Equal(endpoints.Order(), Cases.Keys.Order());
    }

    [Fact]
    public async Task Health_and_metrics_show_no_users_ids_names_or_data()
    {
        using var anonymous = _world.Server.Client(apiKey: null);

        var health = await (await anonymous.GetAsync("/health")).Content.ReadAsStringAsync();
        var metrics = await (await anonymous.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Contains("blob_store", health);
        Assert.Contains("strata_storage_bytes", metrics);
        // Model calls are counted by provider and model (LlmMetrics), but a model Alice chose herself is "other": its name is hers.
        Assert.Contains("model=\"other\"", metrics);
        Assert.DoesNotContain("alices-model", metrics);
        var shown = health + metrics;
        _world.AssertNoAliceIdIn(shown);
        Assert.DoesNotContain(_world.BobId, shown);
        Assert.DoesNotContain("alice", shown);
    }

    /// <summary>A request about Alice's id answers exactly like one about an id that never existed — status, code and
    /// message — apart from the id itself. <paramref name="send"/> makes the request about the id it is given.</summary>
    private static async Task AssertSameAsMissingAsync(Func<string, Task<HttpResponseMessage>> send, string herId, string missingId, string code)
    {
        var theirs = await send(herId);
        var nobodys = await send(missingId);
        Assert.Equal(nobodys.StatusCode, theirs.StatusCode);
        Assert.Equal(code, await theirs.ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal((await nobodys.Content.ReadAsStringAsync()).Replace(missingId, "<id>"), (await theirs.Content.ReadAsStringAsync()).Replace(herId, "<id>"));
    }

    /// <summary>Alice's id answers exactly like an id that never existed, apart from the id itself.</summary>
    private static async Task AssertSameAsMissingAsync(HttpClient bob, string hers, string missing, string herId)
    {
        var theirs = await bob.GetAsync(hers);
        var nobodys = await bob.GetAsync(missing);
        var code = await theirs.ProblemCodeAsync(HttpStatusCode.NotFound);
        Assert.Equal(code, await nobodys.ProblemCodeAsync(HttpStatusCode.NotFound));
        var missingId = missing.Split('/').First(s => s.StartsWith("ent_", StringComparison.Ordinal) || s.StartsWith("src_", StringComparison.Ordinal));
        Assert.Equal((await nobodys.Content.ReadAsStringAsync()).Replace(missingId, "<id>"), (await theirs.Content.ReadAsStringAsync()).Replace(herId, "<id>"));
    }
}

public sealed class RestIsolationTestsOnSqlite(AliceWorldOnSqlite world) : RestIsolationTests(world), IClassFixture<AliceWorldOnSqlite>;

public sealed class RestIsolationTestsOnPostgres(AliceWorldOnPostgres world) : RestIsolationTests(world), IClassFixture<AliceWorldOnPostgres>;
