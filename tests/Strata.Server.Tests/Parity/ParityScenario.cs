using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Parity;

/// <summary>One sequence touching every operation; each step's answer is kept for comparison across interfaces.</summary>
public static class ParityScenario
{
    public static async Task<IReadOnlyList<(string Step, JsonElement Answer)>> RunAsync(ParityDriver driver)
    {
        var answers = new List<(string, JsonElement)>();
        async Task<JsonElement> Step(string name, Task<JsonElement> answer)
        {
            var json = await answer;
            answers.Add((name, json));
            return json;
        }

        await Step("register_schema", driver.RegisterSchemaAsync(Samples.BookSchema));
        var ingest = await Step("ingest", driver.IngestAsync(Samples.PeopleCsvName, Samples.PeopleCsv, "contact"));
        var stored = await Step("ingest_structured", driver.StoreAsync(Samples.StructuredEntities));
        var contacts = await Step("retrieve_entities", driver.RetrieveAsync("contact"));
        var ada = contacts.GetProperty("entities").EnumerateArray()
            .Single(e => e.GetProperty("canonical_name").GetString() == "ada@example.com").GetProperty("entity_id").GetString()!;
        var adaKing = stored.GetProperty("entities")[1].GetProperty("entity_id").GetString()!;
        await Step("get_entity_snapshot", driver.SnapshotAsync(ada));
        await Step("correct", driver.CorrectAsync(ada, "title", "Countess", "peerage"));
        await Step("get_field_provenance", driver.ProvenanceAsync(ada, "title"));
        await Step("retrieve_entities (text, with provenance)", driver.SearchWithProvenanceAsync("Lovelace"));
        var merge = await Step("merge_entities", driver.MergeAsync(adaKing, ada, "same person"));
        await Step("unmerge", driver.UnmergeAsync(merge.GetProperty("merge_id").GetString()!, "not so sure"));
        await Step("merge_entities (again)", driver.MergeAsync(adaKing, ada, "same person after all"));
        await Step("get_entity_snapshot (redirected)", driver.SnapshotAsync(adaKing));
        await Step("list_observations", driver.ObservationsAsync(ada));
        const string asOf = "2099-01-01T00:00:00Z";
        var engines = await Step("ingest_structured (relations)", driver.StoreWithRelationsAsync($$"""
            {"entities":[{"entity_type":"company","name":"Analytical Engines","domain":"engines.example"}],
             "relations":[{"from":"{{ada}}","properties":{"role":"analyst"},"relation_type":"works_at","to":0,"valid_from":"2020-01-01"}]}
            """));
        await Step("list_relations", driver.RelationsAsync(ada, asOf));
        await Step("get_neighbourhood", driver.NeighbourhoodAsync(ada, 2, asOf));
        await Step("find_path", driver.PathAsync(adaKing, engines.GetProperty("entities")[0].GetProperty("entity_id").GetString()!, asOf));
        await Step("list_timeline_events", driver.TimelineAsync());
        await Step("reinterpret", driver.ReinterpretAsync(ingest.GetProperty("source_id").GetString()!));
        await Step("list_sources", driver.SourcesAsync());
        await Step("list_runs", driver.RunsAsync());
        await Step("get_run", driver.GetRunAsync(ingest.GetProperty("interpretation").GetProperty("run_id").GetString()!));
        await Step("list_schemas", driver.SchemasAsync());
        await Step("ingest_structured (a twin)", driver.StoreAsync(Samples.AlanTwin));
        await driver.ScanDuplicatesAsync();
        // Alan and his misspelt twin with the same birthday are the one pair, with its reasons; dismissed here.
        var pairs = await Step("list_potential_duplicates", driver.DuplicatesAsync(includeDismissed: false));
        var pair = pairs.GetProperty("duplicates").EnumerateArray().Single();
        await Step("dismiss_duplicate", driver.DismissDuplicateAsync(
            pair.GetProperty("entity_a").GetProperty("entity_id").GetString()!, pair.GetProperty("entity_b").GetProperty("entity_id").GetString()!));
        await Step("list_potential_duplicates (dismissed)", driver.DuplicatesAsync(includeDismissed: true));
        await Step("get_usage", driver.UsageAsync());
        await Step("correct (null clears)", driver.ClearAsync(ada, "title", "not a title"));
        await Step("get_entity_snapshot (cleared)", driver.SnapshotAsync(ada));
        await Step("reresolve (dry run)", driver.ReresolveDryRunAsync());
        await Step("split_entity", driver.SplitAsync(ada, stored.GetProperty("entities")[1].GetProperty("observation_id").GetString()!, "another Ada after all"));
        // A project end to end: the same document, blocks and delete counts everywhere.
        await Step("create_project", driver.CreateProjectAsync("Contracts"));
        var added = await Step("add_document", driver.AddDocumentAsync("Contracts", "lease.md", "# Lease\n\nThe tenant pays rent monthly.\n\n- one year\n"));
        await Step("list_documents", driver.DocumentsAsync("Contracts"));
        await Step("list_blocks", driver.BlocksAsync(added.GetProperty("document").GetProperty("document_id").GetString()!));
        // Exports: the same lines whichever interface streams them.
        await Step("export (entities, jsonl)", driver.ExportAsync("entities"));
        await Step("export (document, jsonl)", driver.ExportAsync("document", added.GetProperty("document").GetProperty("document_id").GetString()!));
        await Step("preview_deletion", driver.PreviewProjectDeletionAsync("Contracts"));
        await Step("delete_project", driver.DeleteProjectAsync("Contracts"));
        // Forgetting: the book (one observation), Ada, then the people file with what only it fed.
        await Step("delete_observation", driver.ForgetAsync("observation", stored.GetProperty("entities")[0].GetProperty("observation_id").GetString()!));
        await Step("delete_entity", driver.ForgetAsync("entity", ada));
        await Step("delete_source", driver.ForgetAsync("source", ingest.GetProperty("source_id").GetString()!));
        await Step("retrieve_entities (after forgetting)", driver.RetrieveAsync("contact"));
        await Step("error", driver.RefusedSnapshotAsync("ent_000000000000000000000000"));
        return answers;
    }
}
