using System.Text.Json;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Isolation;

/// <summary>
/// Alice's sources, runs, entities, schema (two versions) and a potential duplicate pair, and Bob with one entity of
/// his own — on a running server. <see cref="AssertAliceUnchangedAsync"/> proves afterwards that nothing Bob did reached Alice's data.
/// </summary>
public sealed class AliceWorld : IAsyncDisposable
{
    public const string MissingEntity = "ent_000000000000000000000000";

    public const string OtherMissingEntity = "ent_000000000000000000000001";

    private AliceWorld(RunningServer server) => Server = server;

    public RunningServer Server { get; }

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

    /// <summary>Alice's import of a small Claude export.</summary>
    public string ImportId { get; private set; } = "";

    public const string MissingImport = "imp_000000000000000000000000";

    /// <summary>One of Ada's observations, for get_chat_evidence.</summary>
    public string AdaObservationId { get; private set; } = "";

    public const string MissingObservation = "obs_000000000000000000000000";

    /// <summary>A Claude export of one conversation (Bob imports the same bytes as his own).</summary>
    public const string ChatExport = """[{"uuid":"conv-1","name":"Coffee","created_at":"2024-01-05T08:00:00Z","chat_messages":[{"uuid":"m1","sender":"human","text":"I prefer oat milk.","created_at":"2024-01-05T08:00:00Z"}]}]""";

    private string _before = "";

    public static async Task<AliceWorld> CreateAsync(Backend backend)
    {
        var world = new AliceWorld(await RunningServer.StartAsync(backend: backend,
            settings: new Dictionary<string, string?> { ["Llm:Providers:fake:Kind"] = "openai", ["Llm:Providers:fake:BaseUrl"] = "http://127.0.0.1:9/v1" }));
        var services = world.Server.Services;
        var ct = CancellationToken.None;
        world.AliceKey = await world.Server.CreateUserAsync("alice");
        world.BobKey = await world.Server.CreateUserAsync("bob");
        world.AliceId = (await services.Users.AuthenticateAsync(world.AliceKey, ct))!.Id;
        world.BobId = (await services.Users.AuthenticateAsync(world.BobKey, ct))!.Id;
        var bobId = world.BobId;

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
            Samples.Json("""{"entity_type":"contact","name":"Grace Hopper","email":"grace@example.com"}"""),
            Samples.Json("""{"entity_type":"contact","name":"Grace B. Hopper","email":"amazing.grace@example.com"}""")]), ct);
        world.MergeId = (await services.Merges.MergeAsync(world.AliceId, graces.Entities[1].EntityId, graces.Entities[0].EntityId, "one admiral", ct)).MergeId;

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
        await services.BlockSchemas.RegisterAsync(world.AliceId, Samples.Json(Samples.BlockSchema), newVersion: false, ct);
        world.BlockRunId = await BlockRunAsync(services, world.AliceId, world.DocumentId, world.ProjectId, ct);
        world.ImportId = (await services.ChatImports.ImportAsync(world.AliceId,
            new Strata.Core.Imports.ChatImportRequest(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ChatExport)), "claude", "alice.json"), null, ct)).ImportId;

        var bobs = await services.Structured.StoreAsync(bobId, new StoreRequest([Samples.Json("""{"entity_type":"contact","name":"Bob's friend","email":"friend@example.com"}""")]), ct);
        world.BobsEntityId = bobs.Entities[0].EntityId;
        world._before = await world.AliceStateAsync();
        return world;
    }

    /// <summary>Every id of Alice's that Bob must never see in an answer.</summary>
    public IEnumerable<string> AliceIds => [AliceId, SourceId, RunId, AdaId, BookId, AlanId, AlanTwinId, MergeId, ProjectId, DocumentId, BlockUid,
        BlankDocumentId, BlockRunId, ImportId, AdaObservationId];

    public void AssertNoAliceIdIn(string answer)
    {
        foreach (var id in AliceIds) Assert.DoesNotContain(id, answer);
        Assert.DoesNotContain("Lovelace", answer);
        Assert.DoesNotContain(AliceProviderKey, answer);
        Assert.DoesNotContain("alices-model", answer);
    }

    public async Task AssertAliceUnchangedAsync() => Samples.AssertSameJson(_before, await AliceStateAsync());

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
            ["block_values"] = JsonSerializer.SerializeToElement(await services.Review.ListValuesAsync(AliceId, BlockRunId, null, all, ct), StrataJson.Wire.BlockValueList),
            ["import"] = JsonSerializer.SerializeToElement(await services.ChatImports.GetAsync(AliceId, ImportId, ct), StrataJson.Wire.ChatImportView),
            ["imports"] = JsonSerializer.SerializeToElement(await services.ChatImports.ListAsync(AliceId, all, ct), StrataJson.Wire.ImportList),
            ["memory"] = JsonSerializer.SerializeToElement(await services.Memory.RenderAsync(AliceId, null, ct), StrataJson.Wire.MemoryDocument),
            ["projects"] = JsonSerializer.SerializeToElement(await services.Projects.ListAsync(AliceId, all, ct), StrataJson.Wire.ProjectList),
            ["documents"] = JsonSerializer.SerializeToElement(await services.Documents.ListAsync(AliceId, ProjectId, null, all, ct), StrataJson.Wire.DocumentList),
            ["blocks"] = JsonSerializer.SerializeToElement(await services.Documents.ListBlocksAsync(AliceId, DocumentId, all, ct), StrataJson.Wire.BlockList),
            ["deletions"] = JsonSerializer.SerializeToElement(await services.Deletions.ListAsync(AliceId, all, ct), StrataJson.Wire.DeletionList),
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
    private static async Task<string> BlockRunAsync(Strata.Core.StrataServices services, string aliceId, string documentId, string projectId,
        CancellationToken ct)
    {
        var runId = Strata.Core.Hashing.StrataIds.NewRun();
        var now = DateTimeOffset.UtcNow;
        var schema = await services.BlockSchemas.GetAsync(aliceId, BlockSchemaRef, null, ct);
        var document = await services.Documents.GetAsync(aliceId, documentId, ct);
        await using var session = await services.Store.OpenAsync(aliceId, write: true, ct);
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
        await services.Review.ConfirmAsync(aliceId, runId, 0, ct);
        var states = (await services.Review.ListValuesAsync(aliceId, runId, null, new Paging(10), ct)).Items.Select(v => v.State).ToList();
        Assert.Equal(["confirmed", "staged", "pending"], states);
        return runId;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
