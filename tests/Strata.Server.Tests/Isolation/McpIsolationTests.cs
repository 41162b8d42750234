using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using Strata.Server.Tests.Infrastructure;
using Strata.Server.Tests.Mcp;

namespace Strata.Server.Tests.Isolation;

/// <summary>
/// Every MCP tool (and the entity resource), called by Bob over HTTP about Alice's things: the same walls as REST,
/// as tool errors with the same codes — and afterwards Alice's data is exactly as it was.
/// </summary>
public abstract class McpIsolationTests : IAsyncLifetime
{
    private static readonly Dictionary<string, Func<AliceWorld, McpClient, Task>> Cases = new()
    {
        ["ingest"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("ingest", $$"""{"content_base64":"{{Samples.Base64(Samples.PeopleCsv)}}","filename":"people.csv","entity_type":"contact"}""")).Structured();
            Assert.False(answer.GetProperty("deduplicated").GetBoolean());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["ingest_structured"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("ingest_structured", $$"""{"entities":{{Samples.StructuredEntities}}}""")).Structured();
            Assert.All(answer.GetProperty("entities").EnumerateArray(), e => Assert.Equal("created", e.GetProperty("action").GetString()));
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["reinterpret"] = (w, bob) =>
            AssertSameAsMissingAsync(bob, "reinterpret", id => $$"""{"source_id":"{{id}}"}""", w.SourceId, MissingSource, "SOURCE_NOT_FOUND"),
        ["split_entity"] = (w, bob) =>
            AssertSameAsMissingAsync(bob, "split_entity", id => $$"""{"entity_id":"{{id}}","observation_ids":["obs_000000000000000000000000"]}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND"),
        ["unmerge"] = (w, bob) =>
            AssertSameAsMissingAsync(bob, "unmerge", id => $$"""{"merge_id":"{{id}}"}""", w.MergeId, AliceWorld.MissingMerge, "MERGE_NOT_FOUND"),
        ["reresolve"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("reresolve", "{}")).Structured();
            Assert.Equal(1, answer.GetProperty("entities_examined").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["correct"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "correct", id => $$"""{"entity_id":"{{id}}","field":"title","value":"Nobody"}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "correct", id => $$"""{"entity_id":"{{id}}","field":"title","value":null}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
        },
        ["merge_entities"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "merge_entities", id => $$"""{"from_entity_id":"{{w.BobsEntityId}}","to_entity_id":"{{id}}"}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "merge_entities", id => $$"""{"from_entity_id":"{{id}}","to_entity_id":"{{w.BobsEntityId}}"}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "merge_entities", id => $$"""{"from_entity_id":"{{id}}","to_entity_id":"{{w.AlanId}}"}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
        },
        ["retrieve_entities"] = async (w, bob) =>
        {
            var all = (await bob.CallAsync("retrieve_entities", """{"include_merged":true}""")).Structured();
            var search = (await bob.CallAsync("retrieve_entities", """{"query":"Lovelace","include_total":true}""")).Structured();
            Assert.Equal(w.BobsEntityId, Assert.Single(all.GetProperty("entities").EnumerateArray()).GetProperty("entity_id").GetString());
            Assert.Equal(0, search.GetProperty("total").GetInt32());
        },
        ["get_entity_snapshot"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_entity_snapshot", w.AdaId, "{}"),
        ["list_observations"] = (w, bob) => AssertSameAsMissingAsync(bob, "list_observations", w.AdaId, "{}"),
        ["get_field_provenance"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_field_provenance", w.AdaId, """{"field":"title"}"""),
        ["list_relations"] = (w, bob) => AssertSameAsMissingAsync(bob, "list_relations", w.AdaId, "{}"),
        ["get_neighbourhood"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_neighbourhood", w.AdaId, """{"depth":2}"""),
        ["find_path"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "find_path", id => $$"""{"from_entity_id":"{{id}}","to_entity_id":"{{w.BobsEntityId}}"}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "find_path", id => $$"""{"from_entity_id":"{{w.BobsEntityId}}","to_entity_id":"{{id}}"}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
            // A relation from Bob's entity to Alice's is refused as one to an entity that never existed.
            await AssertSameAsMissingAsync(bob, "ingest_structured",
                id => $$"""{"entities":[],"relations":[{"from":"{{w.BobsEntityId}}","relation_type":"knows","to":"{{id}}"}]}""", w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND");
        },
        ["list_timeline_events"] = async (w, bob) =>
        {
            Assert.Equal(0, (await bob.CallAsync("list_timeline_events", """{"include_total":true}""")).Structured().GetProperty("total").GetInt32());
        },
        ["list_sources"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("list_sources", """{"include_total":true}""")).Structured();
            Assert.Equal(1, answer.GetProperty("total").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["list_runs"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("list_runs", """{"include_total":true}""")).Structured();
            Assert.Equal(1, answer.GetProperty("total").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
            await AssertRefusedAsync(bob, "list_runs", $$"""{"source_id":"{{w.SourceId}}"}""", "SOURCE_NOT_FOUND");
        },
        ["get_run"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_run", id => $$"""{"run_id":"{{id}}"}""", w.RunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["list_run_items"] = (w, bob) => AssertSameAsMissingAsync(bob, "list_run_items", id => $$"""{"run_id":"{{id}}"}""", w.RunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        // Her run has finished: were it found, it would answer RUN_NOT_CANCELLABLE.
        ["cancel_run"] = (w, bob) => AssertSameAsMissingAsync(bob, "cancel_run", id => $$"""{"run_id":"{{id}}"}""", w.RunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["register_schema"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("register_schema", $$"""{"schema":{{Samples.BookSchema}}}""")).Structured();
            Assert.Equal(1, answer.GetProperty("version").GetInt32());
        },
        ["list_schemas"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("list_schemas")).Structured();
            Assert.DoesNotContain(answer.GetProperty("schemas").EnumerateArray(), s => s.GetProperty("entity_type").GetString() == "book");
        },
        ["get_usage"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("get_usage")).Structured();
            Assert.Equal(w.BobId, answer.GetProperty("user_id").GetString());
            Assert.Equal(0, answer.GetProperty("interpretations_this_month").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["list_potential_duplicates"] = async (w, bob) =>
        {
            Assert.Equal(0, (await bob.CallAsync("list_potential_duplicates", """{"include_dismissed":true,"include_total":true}""")).Structured().GetProperty("total").GetInt32());
            Assert.Equal(0, (await bob.CallAsync("list_potential_duplicates", """{"entity_type":"contact","include_total":true}""")).Structured().GetProperty("total").GetInt32());
        },
        ["dismiss_duplicate"] = async (w, bob) =>
        {
            var hers = await bob.CallAsync("dismiss_duplicate", $$"""{"entity_a":"{{w.AlanTwinId}}","entity_b":"{{w.AlanId}}"}""");
            var nobodys = await bob.CallAsync("dismiss_duplicate", $$"""{"entity_a":"{{AliceWorld.MissingEntity}}","entity_b":"{{AliceWorld.OtherMissingEntity}}"}""");
            Assert.True(hers.IsError);
            Assert.Equal("DUPLICATE_NOT_FOUND", hers.StructuredContent!.Value.GetProperty("code").GetString());
            Assert.Equal(
                McpConnections.Text(nobodys).Replace(AliceWorld.MissingEntity, "<a>").Replace(AliceWorld.OtherMissingEntity, "<b>"),
                McpConnections.Text(hers).Replace(w.AlanTwinId, "<a>").Replace(w.AlanId, "<b>"));
        },
        ["get_source_content"] = (w, bob) =>
            AssertSameAsMissingAsync(bob, "get_source_content", id => $$"""{"source_id":"{{id}}","offset":0,"length":10}""", w.SourceId, MissingSource, "SOURCE_NOT_FOUND"),
        ["submit_interpretation"] = (w, bob) => AssertSameAsMissingAsync(bob, "submit_interpretation",
            id => $$"""{"source_id":"{{id}}","interpreter":"bob-bot","entities":[{"entity_type":"contact","name":"Ada Lovelace","evidence":"Ada"}]}""",
            w.SourceId, MissingSource, "SOURCE_NOT_FOUND"),
        ["list_models"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("list_models")).Structured();
            Assert.Equal("none", answer.GetProperty("providers")[0].GetProperty("key").GetString());
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("user_default_model").ValueKind);
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["set_default_model"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("set_default_model", """{"model":"fake/bobs-model"}""")).Structured();
            Assert.Equal("fake/bobs-model", answer.GetProperty("default_model").GetString());
        },
        ["set_provider_key"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("set_provider_key", """{"provider":"fake","key":"sk-bob-999"}""")).Structured();
            Assert.Equal(Strata.Core.Llm.ProviderKeyService.Fingerprint("sk-bob-999"), answer.GetProperty("fingerprint").GetString());
            Assert.DoesNotContain("sk-bob-999", answer.GetRawText());
        },
        ["list_provider_keys"] = async (w, bob) =>
        {
            Assert.Equal(0, (await bob.CallAsync("list_provider_keys")).Structured().GetProperty("keys").GetArrayLength());
        },
        ["remove_provider_key"] = (w, bob) => AssertRefusedAsync(bob, "remove_provider_key", """{"provider":"fake"}""", "LLM_KEY_NOT_FOUND"),
        ["register_block_schema"] = async (w, bob) =>
        {
            // Alice's ref is no conflict for Bob: he gets a first version of his own.
            var answer = (await bob.CallAsync("register_block_schema", """{"schema":{"schema_ref":"clause-review","properties":{"owner":{"type":"string"}}}}""")).Structured();
            Assert.Equal((1, true), (answer.GetProperty("version").GetInt32(), answer.GetProperty("created").GetBoolean()));
        },
        ["list_block_schemas"] = async (w, bob) =>
        {
            Assert.Equal(0, (await bob.CallAsync("list_block_schemas")).Structured().GetProperty("items").GetArrayLength());
        },
        ["get_block_schema"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_block_schema", id => $$"""{"schema_ref":"{{id}}"}""", AliceWorld.BlockSchemaRef, "no-such-schema", "SCHEMA_NOT_FOUND"),
        ["delete_block_schema"] = (w, bob) => AssertSameAsMissingAsync(bob, "delete_block_schema", id => $$"""{"schema_ref":"{{id}}","force":true}""", AliceWorld.BlockSchemaRef, "no-such-schema", "SCHEMA_NOT_FOUND"),
        ["run_block_schema"] = (w, bob) => AssertSameAsMissingAsync(bob, "run_block_schema", id => $$"""{"document_id":"{{id}}","schema_ref":"{{AliceWorld.BlockSchemaRef}}"}""", w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["get_block_run"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_block_run", RunArguments, w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["list_block_runs"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "list_block_runs", id => $$"""{"document_id":"{{id}}"}""", w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "list_block_runs", id => $$"""{"document_ids":["{{id}}"],"per_document":1}""", w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "list_block_runs", id => $$"""{"project_id":"{{id}}"}""", w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
        },
        ["cancel_block_run"] = (w, bob) => AssertSameAsMissingAsync(bob, "cancel_block_run", RunArguments, w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["delete_block_run"] = (w, bob) => AssertSameAsMissingAsync(bob, "delete_block_run", RunArguments, w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["list_block_values"] = (w, bob) => AssertSameAsMissingAsync(bob, "list_block_values", RunArguments, w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["get_block_value"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_block_value", BlockArguments(null), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["confirm_block_value"] = (w, bob) => AssertSameAsMissingAsync(bob, "confirm_block_value", BlockArguments(null), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["reject_block_value"] = (w, bob) => AssertSameAsMissingAsync(bob, "reject_block_value", BlockArguments(null), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["edit_block_value"] = (w, bob) => AssertSameAsMissingAsync(bob, "edit_block_value", BlockArguments("""{"topic":"rent"}"""), w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["confirm_all_staged"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "confirm_all_staged", id => $$"""{"scope":"run","id":"{{id}}"}""", w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "confirm_all_staged", id => $$"""{"scope":"document","id":"{{id}}"}""", w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "confirm_all_staged", id => $$"""{"scope":"project","id":"{{id}}"}""", w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
        },
        ["confirm_matching_values"] = (w, bob) => AssertSameAsMissingAsync(bob, "confirm_matching_values", id => $$"""{"run_id":"{{id}}","dry_run":true}""", w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["reject_matching_values"] = (w, bob) => AssertSameAsMissingAsync(bob, "reject_matching_values", id => $$"""{"run_id":"{{id}}","field":"topic","equals":"rent"}""", w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["apply_bulk_change"] = (w, bob) => AssertSameAsMissingAsync(bob, "apply_bulk_change", id => $$"""{"run_id":"{{id}}","action":"reject","blocks":[1]}""", w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND"),
        ["undo_bulk_change"] = (w, bob) => AssertSameAsMissingAsync(bob, "undo_bulk_change", id => $$"""{"change_id":"{{id}}"}""", w.BulkChangeId, AliceWorld.MissingBulkChange, "BULK_CHANGE_NOT_FOUND"),
        ["retry_failed_blocks"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "retry_failed_blocks", id => $$"""{"scope":"run","id":"{{id}}"}""", w.BlockRunId, AliceWorld.MissingRun, "RUN_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "retry_failed_blocks", id => $$"""{"scope":"project","id":"{{id}}"}""", w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
        },
        ["apply_block_schema"] = (w, bob) => AssertSameAsMissingAsync(bob, "apply_block_schema", id => $$"""{"project_id":"{{id}}","schema_ref":"{{AliceWorld.BlockSchemaRef}}"}""", w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["run_pending_blocks"] = (w, bob) => AssertSameAsMissingAsync(bob, "run_pending_blocks", ProjectArguments, w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["get_review_progress"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_review_progress", ProjectArguments, w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["create_project"] = async (w, bob) =>
        {
            // The same name is Bob's own project: names are unique per user, not across users.
            var answer = (await bob.CallAsync("create_project", $$"""{"name":"{{AliceWorld.ProjectName}}"}""")).Structured();
            w.AssertNoAliceIdIn(answer.GetRawText());
            Assert.Equal(0, answer.GetProperty("document_count").GetInt32());
        },
        ["list_projects"] = async (w, bob) =>
        {
            Assert.Equal(0, (await bob.CallAsync("list_projects", """{"include_total":true}""")).Structured().GetProperty("total").GetInt32());
        },
        ["get_project"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "get_project", id => $$"""{"project":"{{id}}"}""", w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
            await AssertRefusedAsync(bob, "get_project", $$"""{"project":"{{AliceWorld.ProjectName}}"}""", "PROJECT_NOT_FOUND");
        },
        ["rename_project"] = (w, bob) => AssertSameAsMissingAsync(bob, "rename_project", id => $$"""{"project":"{{id}}","name":"Bob's now"}""",
            w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["delete_project"] = (w, bob) => AssertSameAsMissingAsync(bob, "delete_project", id => $$"""{"project":"{{id}}"}""",
            w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["add_document"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "add_document", id => $$"""{"project":"{{id}}","content_base64":"{{Samples.Base64("# Bob")}}","filename":"bob.md"}""",
                w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
            // Her source, into a project of his own, is a source he does not have.
            await bob.CallAsync("create_project", """{"name":"Bob's"}""");
            await AssertSameAsMissingAsync(bob, "add_document", id => $$"""{"project":"Bob's","source_id":"{{id}}"}""", w.SourceId, MissingSource, "SOURCE_NOT_FOUND");
        },
        ["list_documents"] = (w, bob) => AssertSameAsMissingAsync(bob, "list_documents", id => $$"""{"project":"{{id}}"}""",
            w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND"),
        ["get_document"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_document", id => $$"""{"document_id":"{{id}}"}""",
            w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["delete_document"] = (w, bob) => AssertSameAsMissingAsync(bob, "delete_document", id => $$"""{"document_id":"{{id}}"}""",
            w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["list_blocks"] = (w, bob) => AssertSameAsMissingAsync(bob, "list_blocks", id => $$"""{"document_id":"{{id}}"}""",
            w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND"),
        ["get_block"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_block", id => $$"""{"block_uid":"{{id}}"}""",
            w.BlockUid, AliceWorld.MissingBlock, "BLOCK_NOT_FOUND"),
        ["preview_deletion"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "preview_deletion", id => $$"""{"project":"{{id}}"}""", w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
            await AssertRefusedAsync(bob, "preview_deletion", $$"""{"project":"{{AliceWorld.ProjectName}}"}""", "PROJECT_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "preview_deletion", id => $$"""{"document_id":"{{id}}"}""", w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND");
        },
        ["list_deletions"] = async (w, bob) =>
        {
            Assert.Equal(0, (await bob.CallAsync("list_deletions", """{"include_total":true}""")).Structured().GetProperty("total").GetInt32());
        },
        ["delete_entity"] = (w, bob) => AssertSameAsMissingAsync(bob, "delete_entity", id => $$"""{"entity_id":"{{id}}"}""",
            w.AdaId, AliceWorld.MissingEntity, "ENTITY_NOT_FOUND"),
        ["delete_observation"] = (w, bob) => AssertSameAsMissingAsync(bob, "delete_observation", id => $$"""{"observation_id":"{{id}}"}""",
            w.AdaObservationId, AliceWorld.MissingObservation, "OBSERVATION_NOT_FOUND"),
        ["add_webhook"] = async (w, bob) =>
        {
            var added = await bob.CallAsync("add_webhook", """{"url":"http://127.0.0.1:9/bob-hook","events":"export.ready"}""");
            Assert.True(added.IsError is not true, McpConnections.Text(added));
            w.AssertNoAliceIdIn(added.Structured().GetRawText());
        },
        ["list_webhooks"] = async (w, bob) =>
        {
            Assert.Equal(0, (await bob.CallAsync("list_webhooks", "{}")).Structured().GetProperty("items").GetArrayLength());
        },
        ["remove_webhook"] = (w, bob) => AssertSameAsMissingAsync(bob, "remove_webhook", id => $$"""{"webhook_id":"{{id}}"}""",
            w.WebhookId, AliceWorld.MissingWebhook, "WEBHOOK_NOT_FOUND"),
        ["list_webhook_deliveries"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "list_webhook_deliveries", id => $$"""{"webhook_id":"{{id}}"}""", w.WebhookId, AliceWorld.MissingWebhook, "WEBHOOK_NOT_FOUND");
            Assert.Equal(0, (await bob.CallAsync("list_webhook_deliveries", "{}")).Structured().GetProperty("items").GetArrayLength());
        },
        ["delete_source"] = (w, bob) => AssertSameAsMissingAsync(bob, "delete_source", id => $$"""{"source_id":"{{id}}"}""",
            w.SourceId, MissingSource, "SOURCE_NOT_FOUND"),
        ["export"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "export", id => $$"""{"kind":"document","document_id":"{{id}}"}""", w.DocumentId, AliceWorld.MissingDocument, "DOCUMENT_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "export", id => $$"""{"kind":"project","project":"{{id}}"}""", w.ProjectId, AliceWorld.MissingProject, "PROJECT_NOT_FOUND");
            foreach (var kind in new[] { "entities", "memory", "neo4j" })
            {
                var answer = (await bob.CallAsync("export", $$"""{"kind":"{{kind}}"}""")).Structured();
                Assert.True(answer.GetProperty("inline").GetBoolean());
                Assert.Contains(w.BobsEntityId, answer.GetProperty("content").GetString());
                w.AssertNoAliceIdIn(answer.GetRawText());
            }
            // A link naming her document, read by Bob, answers exactly as a link naming a document that never existed.
            var theirs = await Assert.ThrowsAnyAsync<McpException>(() => bob.ReadResourceAsync($"strata://exports/document?target={w.DocumentId}").AsTask());
            var nobodys = await Assert.ThrowsAnyAsync<McpException>(() => bob.ReadResourceAsync($"strata://exports/document?target={AliceWorld.MissingDocument}").AsTask());
            Assert.Contains("DOCUMENT_NOT_FOUND", theirs.Message);
            Assert.Equal(nobodys.Message.Replace(AliceWorld.MissingDocument, "<id>"), theirs.Message.Replace(w.DocumentId, "<id>"));
        },
        ["resource strata://entities/{id}"] = async (w, bob) =>
        {
            await Assert.ThrowsAnyAsync<McpException>(() => bob.ReadResourceAsync($"strata://entities/{w.AdaId}").AsTask());
            var listed = await bob.ListResourcesAsync();
            Assert.Equal(["strata://memory", "strata://graph", $"strata://entities/{w.BobsEntityId}"], listed.Select(r => r.Uri));
            // Completion offers Bob his own ids only: not Alice's by her entities' names, nor by her ids' beginnings.
            var template = new ModelContextProtocol.Protocol.ResourceTemplateReference { Uri = "strata://entities/{id}" };
            Assert.Empty((await bob.CompleteAsync(template, "id", "Lovelace")).Completion.Values);
            Assert.Empty((await bob.CompleteAsync(template, "id", w.AdaId)).Completion.Values);
            Assert.Equal([w.BobsEntityId], (await bob.CompleteAsync(template, "id", "ent_")).Completion.Values);
            Assert.Equal([w.BobsEntityId], (await bob.CompleteAsync(template, "id", "friend")).Completion.Values);
        },
        ["resource strata://graph/{id}"] = async (w, bob) =>
        {
            var hers = await Assert.ThrowsAnyAsync<McpException>(() => bob.ReadResourceAsync($"strata://graph/{w.AdaId}").AsTask());
            var nobodys = await Assert.ThrowsAnyAsync<McpException>(() => bob.ReadResourceAsync($"strata://graph/{AliceWorld.MissingEntity}").AsTask());
            Assert.Equal(nobodys.Message.Replace(AliceWorld.MissingEntity, "<id>"), hers.Message.Replace(w.AdaId, "<id>"));
            Assert.Contains("ENTITY_NOT_FOUND", hers.Message);
            var own = await bob.ReadResourceAsync($"strata://graph/{w.BobsEntityId}");
            w.AssertNoAliceIdIn(Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(own.Contents)).Text);
        },
        ["resource strata://graph"] = async (w, bob) =>
        {
            // Bob's whole graph is his own entity alone, now and as of any time; none of Alice's entities or relations.
            foreach (var uri in new[] { "strata://graph", "strata://graph?as_of=2000-01-01T00:00:00Z" })
            {
                var page = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single((await bob.ReadResourceAsync(uri)).Contents)).Text;
                w.AssertNoAliceIdIn(page);
                using var read = JsonDocument.Parse(page);
                Assert.Equal([w.BobsEntityId], read.RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity_id").GetString()));
                Assert.Equal(0, read.RootElement.GetProperty("relations").GetArrayLength());
            }
        },
        ["resource strata://memory"] = async (w, bob) =>
        {
            var memory = await bob.ReadResourceAsync("strata://memory");
            var text = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(memory.Contents)).Text;
            Assert.Contains("Bob's friend", text);
            w.AssertNoAliceIdIn(text);
        },
        ["import_chat"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("import_chat", $$"""{"provider":"claude","content_base64":"{{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(AliceWorld.ChatExport))}}"}""")).Structured();
            Assert.Equal(1, answer.GetProperty("counts").GetProperty("conversations_added").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["get_import"] = (w, bob) => AssertSameAsMissingAsync(bob, "get_import", id => $$"""{"import_id":"{{id}}"}""", w.ImportId, AliceWorld.MissingImport, "IMPORT_NOT_FOUND"),
        ["list_imports"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("list_imports", """{"include_total":true}""")).Structured();
            Assert.Equal(0, answer.GetProperty("total").GetInt32());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
        ["resume_import"] = (w, bob) => AssertSameAsMissingAsync(bob, "resume_import", id => $$"""{"import_id":"{{id}}"}""", w.ImportId, AliceWorld.MissingImport, "IMPORT_NOT_FOUND"),
        ["get_chat_evidence"] = async (w, bob) =>
        {
            await AssertSameAsMissingAsync(bob, "get_chat_evidence", id => $$"""{"observation_id":"{{id}}"}""", w.AdaObservationId, AliceWorld.MissingObservation, "OBSERVATION_NOT_FOUND");
            await AssertSameAsMissingAsync(bob, "get_chat_evidence", w.AdaId, """{"field":"name"}""");
        },
        ["recall"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("recall", """{"query":"tenant pays rent monthly, oat milk, friend, Ada knows Alan Turing","kinds":["message","block","entity","relation"]}""")).Structured();
            var result = Assert.Single(answer.GetProperty("results").EnumerateArray());
            Assert.Contains("Bob's friend", result.GetProperty("text").GetString());
            Assert.DoesNotContain("tenant", answer.GetProperty("context").GetString());
            w.AssertNoAliceIdIn(answer.GetRawText());
            // Observations: Alice's values (her contact Ada's, the lease's) are never candidates for Bob, only his own.
            var observations = (await bob.CallAsync("recall", """{"query":"tenant pays rent monthly, oat milk, friend, Ada","kinds":["observation"]}""")).Structured();
            Assert.All(observations.GetProperty("results").EnumerateArray(), r => Assert.DoesNotContain("Ada", r.GetProperty("text").GetString()));
            Assert.DoesNotContain("tenant", observations.GetProperty("context").GetString());
            w.AssertNoAliceIdIn(observations.GetRawText());
        },
        ["recall_status"] = async (w, bob) =>
        {
            // Bob has no messages or blocks; Alice's are never counted for him.
            var status = (await bob.CallAsync("recall_status")).Structured();
            Assert.Equal(0, status.GetProperty("units").GetInt64());
            Assert.Equal(0, status.GetProperty("index").GetProperty("total").GetInt32());
            Assert.True((await w.Server.Services.RecallStatus.StatusAsync(w.AliceId, CancellationToken.None)).Units > 0);
            w.AssertNoAliceIdIn(status.GetRawText());
        },
        ["get_memory"] = async (w, bob) =>
        {
            var answer = (await bob.CallAsync("get_memory")).Structured();
            Assert.Contains("Bob's friend", answer.GetProperty("markdown").GetString());
            w.AssertNoAliceIdIn(answer.GetRawText());
        },
    };

    private const string MissingSource = "src_000000000000000000000000";

    private static string RunArguments(string id) => $$"""{"run_id":"{{id}}"}""";

    private static string ProjectArguments(string id) => $$"""{"project_id":"{{id}}"}""";

    private static Func<string, string> BlockArguments(string? value) => id => value is null
        ? $$"""{"run_id":"{{id}}","block_index":0}"""
        : $$"""{"run_id":"{{id}}","block_index":0,"value":{{value}}}""";

    private readonly AliceWorld _world;

    protected McpIsolationTests(SharedAliceWorld shared) => _world = shared.World;

    public static TheoryData<string> Tools() => new(Cases.Keys);

    /// <summary>A Bob of his own for each row; Alice's world is the class's (each derived class has one on its database).</summary>
    public Task InitializeAsync() => _world.NewBobAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Tools))]
    public async Task Another_user_cannot_read_change_or_learn_of_alices_data_through_the_tool(string tool)
    {
        await using var bob = await McpConnections.OverHttpAsync(_world.Server, _world.BobKey);

        await Cases[tool](_world, bob);

        await _world.AssertAliceUnchangedAsync();
    }

    [Fact]
    public void Every_tool_has_an_isolation_case()
    {
        Assert.Equal(McpHttpToolTests.ToolNames.Append("resource strata://entities/{id}").Append("resource strata://graph/{id}").Append("resource strata://graph").Append("resource strata://memory").Order(), Cases.Keys.Order());
    }

    private static async Task AssertRefusedAsync(McpClient client, string tool, string arguments, string code)
    {
        var result = await client.CallAsync(tool, arguments);
        Assert.True(result.IsError, McpConnections.Text(result));
        Assert.Equal(code, result.StructuredContent!.Value.GetProperty("code").GetString());
    }

    /// <summary>A call about Alice's id answers exactly like one about an id that never existed — code and message —
    /// apart from the id itself. <paramref name="arguments"/> gives the call's arguments about the id it is given.</summary>
    private static async Task AssertSameAsMissingAsync(McpClient bob, string tool, Func<string, string> arguments, string herId, string missingId, string code)
    {
        var theirs = await bob.CallAsync(tool, arguments(herId));
        var nobodys = await bob.CallAsync(tool, arguments(missingId));
        Assert.True(theirs.IsError, McpConnections.Text(theirs));
        Assert.Equal(code, theirs.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Equal(nobodys.StructuredContent!.Value.GetRawText().Replace(missingId, "<id>"), theirs.StructuredContent!.Value.GetRawText().Replace(herId, "<id>"));
        Assert.Equal(McpConnections.Text(nobodys).Replace(missingId, "<id>"), McpConnections.Text(theirs).Replace(herId, "<id>"));
    }

    /// <summary>Alice's entity id answers exactly like an id that never existed, apart from the id itself.</summary>
    private static async Task AssertSameAsMissingAsync(McpClient bob, string tool, string herId, string otherArguments)
    {
        string With(string id) => otherArguments.Insert(1, $"\"entity_id\":\"{id}\"" + (otherArguments == "{}" ? "" : ","));
        var theirs = await bob.CallAsync(tool, With(herId));
        var nobodys = await bob.CallAsync(tool, With(AliceWorld.MissingEntity));
        Assert.True(theirs.IsError);
        Assert.Equal("ENTITY_NOT_FOUND", theirs.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Equal(McpConnections.Text(nobodys).Replace(AliceWorld.MissingEntity, "<id>"), McpConnections.Text(theirs).Replace(herId, "<id>"));
    }
}

public sealed class McpIsolationTestsOnSqlite(AliceWorldOnSqlite world) : McpIsolationTests(world), IClassFixture<AliceWorldOnSqlite>;

public sealed class McpIsolationTestsOnPostgres(AliceWorldOnPostgres world) : McpIsolationTests(world), IClassFixture<AliceWorldOnPostgres>;
