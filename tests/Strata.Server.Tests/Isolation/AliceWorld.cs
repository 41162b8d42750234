using System.Text.Json;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.FakeLlm;
using Strata.Server.Tests.Infrastructure;
using Strata.Storage.Compliance;

namespace Strata.Server.Tests.Isolation;

/// <summary>
/// Alice's sources, runs, entities, schema (two versions) and a potential duplicate pair, merges and a split, a project of
/// documents and blocks, a block run with confirmed, staged and rejected values, a chat import read whole by the fake model
/// (chat evidence, generated MEMORY.md), relations, model calls, a web session and a deletion — a row in every table but
/// those <see cref="EmptyForAlice"/> names — on a running server, and a Bob per row (<see cref="NewBobAsync"/>) with one
/// entity of his own. <see cref="AssertAliceUnchangedAsync"/> proves afterwards that nothing Bob did reached Alice's data.
/// </summary>
public sealed class AliceWorld : IAsyncDisposable
{
    public const string MissingEntity = "ent_000000000000000000000000";

    public const string OtherMissingEntity = "ent_000000000000000000000001";

    private AliceWorld(RunningServer server, FakeLlmServer model)
    {
        Server = server;
        _model = model;
    }

    public RunningServer Server { get; }

    /// <summary>The fake model Alice's chat import was read with (her own key, her own default model).</summary>
    private readonly FakeLlmServer _model;

    public string AliceId { get; private set; } = "";

    public string AliceKey { get; private set; } = "";

    public string BobKey { get; private set; } = "";

    public string BobId { get; private set; } = "";

    public string SourceId { get; private set; } = "";

    /// <summary>The run that interpreted <see cref="SourceId"/>.</summary>
    public string RunId { get; private set; } = "";

    public const string MissingRun = "run_000000000000000000000000";

    /// <summary>Alice's own key for the provider "fake": never in anything Bob sees.</summary>
    public const string AliceProviderKey = "sk-alice-0123456789";

    public string AdaId { get; private set; } = "";

    public string BookId { get; private set; } = "";

    public string AlanId { get; private set; } = "";

    /// <summary>Alan Turing misspelt, same birthday: with <see cref="AlanId"/>, the potential duplicate pair the scan finds.</summary>
    public string AlanTwinId { get; private set; } = "";

    public string BobsEntityId { get; private set; } = "";

    /// <summary>A merge of two of Alice's contacts (Grace Hopper's two spellings): what unmerge takes.</summary>
    public string MergeId { get; private set; } = "";

    public const string MissingMerge = "mrg_000000000000000000000000";

    /// <summary>Alice's project "Contracts", its converted Markdown document and that document's first block, a second
    /// document of blank lines (no blocks, so her block run over it completes as it starts and no worker changes it),
    /// her block schema and that block run.</summary>
    public string ProjectId { get; private set; } = "";

    public const string ProjectName = "Contracts";

    public string DocumentId { get; private set; } = "";

    public string BlockUid { get; private set; } = "";

    public string BlankDocumentId { get; private set; } = "";

    public const string BlockSchemaRef = "clause-review";

    public string BlockRunId { get; private set; } = "";

    public const string MissingProject = "prj_000000000000000000000000";

    public const string MissingDocument = "doc_000000000000000000000000";

    public const string MissingBlock = "conv_00000000000000000000000000000000:0";

    /// <summary>Alice's import of a small Claude export, read whole by the fake model: a preference with the words it was said in
    /// (chat evidence), and the model-written parts of her MEMORY.md.</summary>
    public string ImportId { get; private set; } = "";

    public const string MissingImport = "imp_000000000000000000000000";

    /// <summary>One of Ada's observations, for get_chat_evidence.</summary>
    public string AdaObservationId { get; private set; } = "";

    public const string MissingObservation = "obs_000000000000000000000000";

    /// <summary>A Claude export of one conversation (Bob imports the same bytes as his own).</summary>
    public const string ChatExport = """[{"uuid":"conv-1","name":"Coffee","created_at":"2024-01-05T08:00:00Z","chat_messages":[{"uuid":"m1","sender":"human","text":"I prefer oat milk.","created_at":"2024-01-05T08:00:00Z"}]}]""";

    /// <summary>Alice's webhook and a delivery to it.</summary>
    public string WebhookId { get; private set; } = "";

    /// <summary>Her confirm of block 0 of her block run, as one undoable bulk change.</summary>
    public string BulkChangeId { get; private set; } = "";

    public const string MissingBulkChange = "bch_000000000000000000000000";

    public const string AliceDeliveryId = "whd_alice00000000000000000000";

    public const string MissingWebhook = "whk_000000000000000000000000";

    /// <summary>What the fake model finds in <see cref="ChatExport"/>, in the words it was said.</summary>
    private const string OatMilk = """
        {"items":[{"item_id":"0","entities":[{"entity_type":"preference","fields":[
          {"name":"topic","value":"milk","evidence":"oat milk"},{"name":"value","value":"oat milk","evidence":"I prefer oat milk"}]}]}]}
        """;

    private SortedDictionary<string, List<string>> _beforeRows = [];

    private string _before = "";

    public static async Task<AliceWorld> CreateAsync(Backend backend)
    {
        var model = await FakeLlmServer.StartAsync();
        model.Script
            .When("at most 120 words", FakeReply.Json("""{"summary":"Alice takes oat milk."}"""))
            .When("messages a person wrote to assistants", FakeReply.Json("""{"communication_style":"Short.","tone":"Plain.","boundaries":"None said."}"""))
            .When("I prefer oat milk", FakeReply.Json(OatMilk));
        // No key or default model of the server's: Alice's own are the only ones, so Bob has none. No periodic maintenance
        // either: it works across users, a second writer to Alice's rows while a row of the matrix compares them.
        var settings = FakeModelSettings.For(model, apiKey: null, defaultModel: null);
        settings["Webhooks:AllowLoopback"] = "true";
        // An embedder too (the fake model server speaks /v1/embeddings), so her messages and blocks have vectors and recall's
        // vector layer is in the rows that ask it.
        settings["Embeddings:Provider"] = "openai-compatible";
        settings["Embeddings:BaseUrl"] = model.OpenAiBaseUrl.ToString();
        settings["Embeddings:Model"] = "alice-embed-16";
        foreach (var schedule in Strata.Core.Configuration.WorkerConfiguration.ScheduleNames.Keys) settings[$"Worker:Schedules:{schedule}"] = "off";
        var world = new AliceWorld(await RunningServer.StartAsync(backend: backend, llmRuns: true, settings: settings), model);
        var services = world.Server.Services;
        var ct = CancellationToken.None;
        world.AliceKey = await world.Server.CreateUserAsync("alice");
        world.AliceId = (await services.Users.AuthenticateAsync(world.AliceKey, ct))!.Id;

        await services.Schemas.RegisterAsync(world.AliceId, Samples.Json(Samples.BookSchema.Replace("A book.", "A book (draft).")), ct);
        await services.Schemas.RegisterAsync(world.AliceId, Samples.Json(Samples.BookSchema), ct);
        var ingest = await services.Ingest.IngestAsync(world.AliceId,
            new IngestRequest(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Samples.PeopleCsv)), Samples.PeopleCsvName, null, "contact"), ct);
        world.SourceId = ingest.SourceId;
        world.RunId = ingest.Interpretation.RunId!;
        var stored = await services.Structured.StoreAsync(world.AliceId, new StoreRequest(Samples.Json(Samples.StructuredEntities).EnumerateArray().ToList()), ct);
        world.BookId = stored.Entities[0].EntityId;
        world.AdaId = (await services.Entities.RetrieveAsync(world.AliceId, "contact", "Lovelace", false, false, new Paging(), ct)).Entities.Single().EntityId;
        world.AlanId = (await services.Entities.RetrieveAsync(world.AliceId, "contact", "Turing", false, false, new Paging(), ct)).Entities.Single().EntityId;
        await services.Corrections.CorrectAsync(world.AliceId, world.AdaId, "title", Samples.Json("\"Countess\""), "peerage", ct);
        world.AdaObservationId = (await services.Entities.ListObservationsAsync(world.AliceId, world.AdaId, new Paging(1), ct)).Observations[0].ObservationId;
        world.AlanTwinId = (await services.Structured.StoreAsync(world.AliceId, new StoreRequest(Samples.Json(Samples.AlanTwin).EnumerateArray().ToList()), ct))
            .Entities.Single().EntityId;
        await services.Duplicates.ScanAsync(world.AliceId, ct);
        await services.ProviderKeys.SetAsync(world.AliceId, "fake", AliceProviderKey, ct);
        await services.Models.SetDefaultAsync(world.AliceId, "fake/alices-model", ct);
        Assert.Equal(1, (await services.Duplicates.ListPotentialDuplicatesAsync(world.AliceId, "contact", false, new Paging(IncludeTotal: true), ct)).Total);

        var graces = await services.Structured.StoreAsync(world.AliceId, new StoreRequest([
            Samples.Json("""{"entity_type":"contact","name":"Grace Hopper","email":"grace@example.com","shoe_size":37}"""), // a raw fragment: undeclared
            Samples.Json("""{"entity_type":"contact","name":"Grace B. Hopper","email":"amazing.grace@example.com"}""")]), ct);
        // Merged, undone (a split), and merged again: the live merge is the one unmerge takes.
        var first = await services.Merges.MergeAsync(world.AliceId, graces.Entities[1].EntityId, graces.Entities[0].EntityId, "one admiral", ct);
        await services.Splits.UnmergeAsync(world.AliceId, first.MergeId, "two admirals after all", ct);
        world.MergeId = (await services.Merges.MergeAsync(world.AliceId, graces.Entities[1].EntityId, graces.Entities[0].EntityId, "one admiral", ct)).MergeId;
        Assert.NotNull(await services.Users.SignInAsync(world.AliceKey, ct)); // a session of the web page

        // Ada knows Alan: a relation Bob's graph queries must never reach.
        await services.Structured.StoreAsync(world.AliceId, new StoreRequest([], Relations:
            [Samples.Json($$"""{"from":"{{world.AdaId}}","relation_type":"knows","to":"{{world.AlanId}}"}""")]), ct);

        world.ProjectId = (await services.Projects.CreateAsync(world.AliceId, ProjectName, ct)).ProjectId;
        var document = await services.Documents.AddFileAsync(world.AliceId, ProjectName,
            new MemoryStream("# Lease\n\nThe tenant pays rent monthly.\n\nThe landlord repairs the roof.\n"u8.ToArray()), "lease.md", null, wait: true, ct);
        world.DocumentId = document.Document.DocumentId;
        world.BlockUid = (await services.Documents.ListBlocksAsync(world.AliceId, world.DocumentId, new Paging(1), ct)).Blocks[0].BlockUid;
        world.BlankDocumentId = (await services.Documents.AddFileAsync(world.AliceId, world.ProjectId, new MemoryStream("\n\n\n"u8.ToArray()), "blank.md", null,
            wait: true, ct)).Document.DocumentId;
        // A document she deleted: a row in her deletion audit.
        var old = await services.Documents.AddFileAsync(world.AliceId, world.ProjectId, new MemoryStream("# Old lease\n"u8.ToArray()), "old.md", null, wait: true, ct);
        await services.Deletions.DeleteDocumentAsync(world.AliceId, old.Document.DocumentId, ct);
        await services.BlockSchemas.RegisterAsync(world.AliceId, Samples.Json(Samples.BlockSchema), newVersion: false, ct);
        (world.BlockRunId, world.BulkChangeId) = await BlockRunAsync(services, world.AliceId, world.DocumentId, world.ProjectId, ct);
        world.ImportId = (await services.ChatImports.ImportAsync(world.AliceId,
            new Strata.Core.Imports.ChatImportRequest(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ChatExport)), "claude", "alice.json"), null, ct)).ImportId;
        await world.WaitForAlicesJobsAsync();
        Assert.Equal(Strata.Core.Imports.ChatImportStatuses.Complete, (await services.ChatImports.GetAsync(world.AliceId, world.ImportId, ct)).Status);

        // Her webhook (exports only, so nothing in this world sends to it) and one delivery already failed (no job changes it).
        world.WebhookId = (await services.Webhooks.AddAsync(world.AliceId, "http://127.0.0.1:9/alice-hook", ["export.ready"], ct)).WebhookId;
        await using (var session = await services.Store.OpenWriteAsync(world.AliceId, ct))
        {
            var now = DateTimeOffset.UtcNow;
            await session.Webhooks.InsertDeliveryAsync(new Strata.Core.Webhooks.WebhookDelivery(AliceDeliveryId, world.WebhookId, "export.ready", "{}", "failed", 8,
                500, "HTTP 500", now, now, null), ct);
            await session.CommitAsync(ct);
        }

        world._beforeRows = await world.AliceRowsAsync();
        world.AssertEveryTableHoldsSomethingOfAlices();
        world._before = await world.AliceStateAsync();
        return world;
    }

    /// <summary>Tables Alice has no row in, each with the reason: a row of the matrix cannot show a change there. Every other
    /// table holds something of hers, so a table a migration adds fails <see cref="AssertEveryTableHoldsSomethingOfAlices"/>
    /// until the world fills it or this list says why it cannot.</summary>
    private static readonly Dictionary<string, string> EmptyForAlice = new(StringComparer.Ordinal)
    {
        ["llm_call_slots"] = "a slot is held only while a model call is in flight, and none is once her jobs have settled",
        ["pending_bytes"] = "bytes wait here only while the blob store refuses them, and a retry job then moves them: a world "
            + "holding some would change under the matrix by itself",
        ["memory_generations"] = "kept only for users with memory-server profile entities (migration 0370), and her world writes none",
        ["recall_pending_documents"] = "filled only by migration 0060 for documents converted before the recall index existed; a "
            + "document converted since is indexed as it is converted",
    };

    private void AssertEveryTableHoldsSomethingOfAlices()
    {
        var empty = _beforeRows.Where(t => t.Value.Count == 0).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        Assert.True(EmptyForAlice.Keys.Order(StringComparer.Ordinal).SequenceEqual(empty),
            $"Alice has no row in: {string.Join(", ", empty)}; the list of tables left empty on purpose: {string.Join(", ", EmptyForAlice.Keys)}");
    }

    /// <summary>Alice's rows in every table of the database's catalogue, and her blob files.</summary>
    private async Task<SortedDictionary<string, List<string>>> AliceRowsAsync()
    {
        await using var connection = await Server.OpenDatabaseAsync();
        var rows = await UserRows.ReadAsync(connection, Server.Backend == Backend.Postgres, AliceId);
        var blobs = Path.Combine(Server.DataDirectory, "sources", AliceId);
        rows["(blob files)"] = Directory.Exists(blobs)
            ? Directory.GetFiles(blobs, "*", SearchOption.AllDirectories).Select(f => $"{Path.GetRelativePath(blobs, f)} {new FileInfo(f).Length}").Order(StringComparer.Ordinal).ToList()
            : [];
        return rows;
    }

    /// <summary>Waits until no job of Alice's is waiting or running: the world is built only once her full pass and her
    /// MEMORY.md generation have settled, so no worker writes to her rows while the matrix compares them. The deadline only
    /// keeps a broken worker from hanging the suite.</summary>
    private async Task WaitForAlicesJobsAsync()
    {
        var giveUpAt = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            await using var connection = await Server.OpenDatabaseAsync();
            await using var command = UserRows.Command(connection,
                "SELECT count(*) FROM jobs WHERE user_id = @user AND state IN ('available', 'running', 'retryable')", AliceId);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0) return;
            if (DateTimeOffset.UtcNow > giveUpAt) throw new Xunit.Sdk.XunitException("Alice's jobs are still waiting or running: no worker finished them.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private int _bobs;

    /// <summary>A Bob of his own for the next row of the matrix, with one entity of his: what one row had Bob do never
    /// changes what the next row sees of Bob, while Alice's world (the expensive part) is built once per class.</summary>
    public async Task NewBobAsync()
    {
        var ct = CancellationToken.None;
        BobKey = await Server.CreateUserAsync($"bob-{++_bobs}");
        BobId = (await Server.Services.Users.AuthenticateAsync(BobKey, ct))!.Id;
        var bobs = await Server.Services.Structured.StoreAsync(BobId,
            new StoreRequest([Samples.Json("""{"entity_type":"contact","name":"Bob's friend","email":"friend@example.com"}""")]), ct);
        BobsEntityId = bobs.Entities[0].EntityId;
    }

    /// <summary>Every id of Alice's that Bob must never see in an answer.</summary>
    public IEnumerable<string> AliceIds => [AliceId, SourceId, RunId, AdaId, BookId, AlanId, AlanTwinId, MergeId, ProjectId, DocumentId, BlockUid,
        BlankDocumentId, BlockRunId, ImportId, AdaObservationId, WebhookId, AliceDeliveryId, BulkChangeId];

    public void AssertNoAliceIdIn(string answer)
    {
        foreach (var id in AliceIds) Assert.DoesNotContain(id, answer);
        Assert.DoesNotContain("Lovelace", answer);
        Assert.DoesNotContain(AliceProviderKey, answer);
        Assert.DoesNotContain("alices-model", answer);
    }

    /// <summary>Alice's whole state is as it was: her rows in every table (the failure names the tables that changed), her
    /// blob files, and everything the services show her.</summary>
    public async Task AssertAliceUnchangedAsync()
    {
        var changes = UserRows.Changes(_beforeRows, await AliceRowsAsync());
        Assert.True(changes.Count == 0, "Alice's rows changed in: " + string.Join("\n", changes));
        Samples.AssertSameJson(_before, await AliceStateAsync());
    }

    private async Task<string> AliceStateAsync()
    {
        var services = Server.Services;
        var ct = CancellationToken.None;
        var all = new Paging(Paging.MaxLimit);
        var state = new Dictionary<string, JsonElement>
        {
            ["sources"] = JsonSerializer.SerializeToElement(await services.Sources.ListSourcesAsync(AliceId, all, ct), StrataJson.Wire.SourceList),
            ["runs"] = JsonSerializer.SerializeToElement(await services.Sources.ListRunsAsync(AliceId, null, all, ct), StrataJson.Wire.RunList),
            ["entities"] = JsonSerializer.SerializeToElement(await services.Entities.RetrieveAsync(AliceId, null, null, true, true, all, ct), StrataJson.Wire.EntityList),
            ["ada"] = JsonSerializer.SerializeToElement(await services.Entities.ListObservationsAsync(AliceId, AdaId, all, ct), StrataJson.Wire.ObservationList),
            ["schemas"] = JsonSerializer.SerializeToElement(await services.Schemas.ListAsync(AliceId, ct), StrataJson.Wire.SchemaList),
            ["duplicates"] = JsonSerializer.SerializeToElement(
                await services.Duplicates.ListPotentialDuplicatesAsync(AliceId, null, includeDismissed: true, all, ct), StrataJson.Wire.DuplicateList),
            ["usage"] = JsonSerializer.SerializeToElement(await services.Usage.GetUsageAsync(AliceId, ct), StrataJson.Wire.UsageView),
            ["provider_keys"] = JsonSerializer.SerializeToElement(await services.ProviderKeys.ListAsync(AliceId, ct), StrataJson.Wire.ProviderKeyList),
            ["models"] = JsonSerializer.SerializeToElement(await services.Models.ListAsync(AliceId, ct), StrataJson.Wire.ModelsView),
            ["block_schemas"] = JsonSerializer.SerializeToElement(await services.BlockSchemas.ListAsync(AliceId, ct), StrataJson.Wire.BlockSchemaList),
            ["block_runs"] = JsonSerializer.SerializeToElement(await services.Review.ListRunsAsync(AliceId, null, ProjectId, new Paging(), ct), StrataJson.Wire.BlockRunList),
            ["block_values"] = JsonSerializer.SerializeToElement(await services.Review.ListValuesAsync(AliceId, BlockRunId, state: null, all, ct), StrataJson.Wire.BlockValueList),
            ["import"] = JsonSerializer.SerializeToElement(await services.ChatImports.GetAsync(AliceId, ImportId, ct), StrataJson.Wire.ChatImportView),
            ["imports"] = JsonSerializer.SerializeToElement(await services.ChatImports.ListAsync(AliceId, all, ct), StrataJson.Wire.ImportList),
            ["memory"] = JsonSerializer.SerializeToElement(await services.Memory.RenderAsync(AliceId, null, ct), StrataJson.Wire.MemoryDocument),
            ["projects"] = JsonSerializer.SerializeToElement(await services.Projects.ListAsync(AliceId, all, ct), StrataJson.Wire.ProjectList),
            ["documents"] = JsonSerializer.SerializeToElement(await services.Documents.ListAsync(AliceId, ProjectId, null, all, ct), StrataJson.Wire.DocumentList),
            ["blocks"] = JsonSerializer.SerializeToElement(await services.Documents.ListBlocksAsync(AliceId, DocumentId, all, ct), StrataJson.Wire.BlockList),
            ["deletions"] = JsonSerializer.SerializeToElement(await services.Deletions.ListAsync(AliceId, all, ct), StrataJson.Wire.DeletionList),
            ["webhooks"] = JsonSerializer.SerializeToElement(await services.Webhooks.ListAsync(AliceId, ct), StrataJson.Wire.WebhookList),
            ["webhook_deliveries"] = JsonSerializer.SerializeToElement(await services.Webhooks.DeliveriesAsync(AliceId, null, new Strata.Core.Paging(), ct), StrataJson.Wire.WebhookDeliveryList),
            ["neighbourhood"] = JsonSerializer.SerializeToElement(await services.Graph.NeighbourhoodAsync(AliceId, AdaId, 3, null, null, DateTimeOffset.UnixEpoch.AddYears(100), ct),
                StrataJson.Wire.NeighbourhoodView),
        };
        return JsonSerializer.Serialize(state, StrataJson.Wire.DictionaryStringJsonElement);
    }

    /// <summary>A finished block run of Alice's schema over her three-block document, written straight to the store (the test
    /// server has no model, and a finished run is one no worker changes while the matrix runs), with a value per block:
    /// block 0 confirmed through the review service (an accepted observation of its entity), block 1 staged, and block 2
    /// rejected as a reject leaves it (set back to pending, its item reopened; written here, since a reject through the
    /// service would wake the run for a worker that has no model). The rows for values, confirm, reject and edit then
    /// compare Alice's real values before and after.</summary>
    private static async Task<(string RunId, string BulkChangeId)> BlockRunAsync(Strata.Core.StrataServices services, string aliceId, string documentId, string projectId,
        CancellationToken ct)
    {
        var runId = Strata.Core.Hashing.StrataIds.NewRun();
        var now = DateTimeOffset.UtcNow;
        var schema = await services.BlockSchemas.GetAsync(aliceId, BlockSchemaRef, null, ct);
        var document = await services.Documents.GetAsync(aliceId, documentId, ct);
        await using var session = await services.Store.OpenWriteAsync(aliceId, ct);
        await session.Runs.InsertAsync(new Strata.Core.Runs.Run(runId, aliceId, document.SourceId, Strata.Core.Review.BlockInterpreter.Name,
            Strata.Core.Review.BlockInterpreter.Version, "{}", "h", Strata.Core.Runs.RunStatuses.Completed, 0, 0, 0, null, now, now, now, null), ct);
        await session.Review.InsertRunAsync(new Strata.Core.Review.BlockRun(runId, documentId, projectId, BlockSchemaRef, schema.Version, schema.SchemaUid, now), ct);
        var blocks = await session.Review.ReadBlocksAsync(documentId, 0, 2, ct);
        Assert.Equal(3, blocks.Count);
        await session.RunItems.InsertManyAsync(blocks.Select(b => new Strata.Core.Runs.Items.RunItem(runId, b.Index,
            Strata.Core.Runs.Items.RunItemStatuses.Completed, 0, 0, 10, 5, 0, 0, null, 0, 1, null, null, now)).ToList(), ct);
        foreach (var b in blocks)
        {
            var value = $$"""{"topic":"clause {{b.Index}}"}""";
            await session.Review.StageAsync(new Strata.Core.Review.BlockValue(runId, b.Index, b.BlockUid, documentId, projectId, BlockSchemaRef,
                Strata.Core.Review.BlockValueStates.Staged, value, value, false, null, null, null, null, null, null, now), ct);
        }
        await session.Review.ReopenItemsAsync(runId, Strata.Core.Runs.Items.RunItemStatuses.Completed, 2, now, ct);
        await session.CommitAsync(ct);
        var change = await services.Review.ApplyBulkChangeAsync(aliceId, runId, Strata.Core.Review.MatchingAction.Confirm, [0], ct);
        var states = (await services.Review.ListValuesAsync(aliceId, runId, state: null, new Paging(10), ct)).Items.Select(v => v.State).ToList();
        Assert.Equal(["confirmed", "staged", "pending"], states);
        return (runId, change.ChangeId);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _model.DisposeAsync();
    }
}
