using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Memory.Sections;
using Strata.Core.Operations;

namespace Strata.Acceptance.Tests.Forgetting;

/// <summary>
/// Alice's mistaken upload (a CSV of three contacts: Jonathan and Jonathon Smith, a potential duplicate pair, and Ada
/// Lovelace with her birthday), her own structured note that Ada has a phone (so Ada is fed by two sources), and Bob
/// with the same CSV bytes as his own source: what the forgetting tests delete from, and the checks that no answer
/// still shows what was forgotten.
/// </summary>
internal sealed class ForgetWorld : IDisposable
{
    public const string Upload = "name,email,birthday\nJonathan Smith,jon@example.com,1970-01-02\nJonathon Smith,,1970-01-02\nAda Lovelace,ada@example.com,1815-12-10\n";

    public static readonly CancellationToken None = CancellationToken.None;

    private ForgetWorld(TestStrata strata) => Strata = strata;

    public TestStrata Strata { get; }

    public string Alice { get; private set; } = "";

    public string Bob { get; private set; } = "";

    public IngestResult Mistake { get; private set; } = null!;

    public IngestResult BobsUpload { get; private set; } = null!;

    public string AdaId { get; private set; } = "";

    public static async Task<ForgetWorld> StartAsync(string backend)
    {
        var world = new ForgetWorld(TestStrata.Create(backend));
        world.Alice = await world.Strata.UserAsync("alice");
        world.Bob = await world.Strata.UserAsync("bob");
        world.Mistake = await world.Strata.IngestTextAsync(world.Alice, "contacts.csv", Upload, "contact");
        var note = await world.Strata.StoreAsync(world.Alice, """[{"entity_type": "contact", "name": "Ada Lovelace", "email": "ada@example.com", "phone": "+44 20 7946 0000"}]""");
        world.AdaId = note.Entities.Single().EntityId;
        world.BobsUpload = await world.Strata.IngestTextAsync(world.Bob, "contacts.csv", Upload, "contact");
        await world.Strata.Services.Duplicates.ScanAsync(world.Alice, None);
        await world.Strata.Services.Duplicates.ScanAsync(world.Bob, None);
        foreach (var user in new[] { world.Alice, world.Bob }) await world.SummarizeAsync(user);
        return world;
    }

    /// <summary>A model-written summary of MEMORY.md, as a generation from the upload would leave it.</summary>
    private async Task SummarizeAsync(string user)
    {
        await using var session = await Strata.Services.Store.OpenWriteAsync(user, None);
        await session.ChatImports.SaveGeneratedAsync([new GeneratedSection(GeneratedSections.Summary, "Works with Jonathan Smith.",
            GeneratedSections.Generated, null, null, "fake/model", 1, Strata.Clock.GetUtcNow())], None);
        await session.CommitAsync(None);
    }

    public IReadOnlyList<string> UploadEntityIds => Mistake.Interpretation.Entities!.Select(e => e.EntityId).ToList();

    public async Task<SnapshotView> SnapshotAsync(string entityId) => await Strata.Services.Entities.GetSnapshotAsync(Alice, entityId, null, None);

    /// <summary>Every entity of the user with its fields, as canonical JSON, by id: what "the same answers" compares.</summary>
    public async Task<SortedDictionary<string, string>> AnswersAsync(string user)
    {
        var list = await Strata.Services.Entities.RetrieveAsync(user, null, null, true, false, new Paging(Paging.MaxLimit), None);
        return new SortedDictionary<string, string>(list.Entities.ToDictionary(e => e.EntityId, e => JsonSerializer.Serialize(e.Fields)), StringComparer.Ordinal);
    }

    /// <summary>No answer of Alice's names the forgotten entities or shows the forgotten text: get, observations, list,
    /// text query, timeline, duplicates, memory.</summary>
    public async Task AssertNoTraceAsync(IReadOnlyCollection<string> entityIds, params string[] texts)
    {
        var services = Strata.Services;
        foreach (var id in entityIds)
        {
            Assert.Equal(ErrorCodes.EntityNotFound, (await Assert.ThrowsAsync<StrataException>(() => SnapshotAsync(id))).Code);
            Assert.Equal(ErrorCodes.EntityNotFound, (await Assert.ThrowsAsync<StrataException>(
                () => services.Entities.ListObservationsAsync(Alice, id, new Paging(), None))).Code);
            Assert.Equal(ErrorCodes.EntityNotFound, (await Assert.ThrowsAsync<StrataException>(
                () => services.Entities.GetFieldProvenanceAsync(Alice, id, "name", None))).Code);
        }
        var answers = new List<string>
        {
            JsonSerializer.Serialize(await services.Entities.RetrieveAsync(Alice, null, null, true, true, new Paging(Paging.MaxLimit), None)),
            JsonSerializer.Serialize(await services.Entities.TimelineAsync(Alice, null, null, null, new Paging(Paging.MaxLimit), None)),
            JsonSerializer.Serialize(await services.Duplicates.ListPotentialDuplicatesAsync(Alice, null, true, new Paging(), None)),
            (await services.Memory.RenderAsync(Alice, null, None)).Markdown,
        };
        foreach (var text in texts)
        {
            Assert.Empty((await services.Entities.RetrieveAsync(Alice, null, text, true, false, new Paging(), None)).Entities);
        }
        foreach (var answer in answers)
        {
            foreach (var id in entityIds) Assert.DoesNotContain(id, answer);
            foreach (var text in texts) Assert.DoesNotContain(text, answer);
        }
        Assert.Empty(EntityOrphans.Of(Strata));
    }

    public void Dispose() => Strata.Dispose();
}
