using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Operations;

namespace Strata.Acceptance.Tests;

/// <summary>A list of entities (retrieve_entities, with or without a text query) gives each entity's provenance only
/// when asked for: otherwise provenance is null and everything else is as it was. A single snapshot always has it.</summary>
public sealed class ListProvenanceTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    private static JsonElement Wire(SnapshotView view) => JsonSerializer.SerializeToElement(view, StrataJson.Wire.SnapshotView);

    private async Task<string> AliceWithContactsAsync()
    {
        var user = await _strata.UserAsync("alice");
        await _strata.StoreAsync(user, """
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Lovelace", "title": "Analyst"},
             {"entity_type": "contact", "email": "byron@example.com", "name": "Lord Byron", "company": "Lovelace House"},
             {"entity_type": "contact", "email": "grace@example.org", "name": "Grace Hopper"}]
            """);
        await _strata.Services.Corrections.CorrectAsync(user, (await _strata.Services.Entities.RetrieveAsync(user, "contact", "Ada", false,
            false, new Paging(), None)).Entities.Single().EntityId, "title", JsonDocument.Parse("\"Countess\"").RootElement, "married", None);
        return user;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ATextQueryWithoutProvenanceFindsTheSameEntitiesInTheSameOrderWithTheSameFields(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await AliceWithContactsAsync();

        var plain = await _strata.Services.Entities.RetrieveAsync(user, "contact", "lovelace", false, false, new Paging(), None);
        var traced = await _strata.Services.Entities.RetrieveAsync(user, "contact", "lovelace", false, true, new Paging(), None);

        Assert.Equal(2, plain.Entities.Count);
        Assert.All(plain.Entities, e => Assert.Null(e.Provenance));
        Assert.Equal(traced.Entities.Select(e => Wire(e with { Provenance = null }).GetRawText()), plain.Entities.Select(e => Wire(e).GetRawText()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AskedForProvenanceAListGivesEachEntityTheProvenanceItsSnapshotHas(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await AliceWithContactsAsync();

        foreach (var text in new string?[] { null, "lovelace", "ada@" })
        {
            var listed = await _strata.Services.Entities.RetrieveAsync(user, "contact", text, false, true, new Paging(), None);
            Assert.NotEmpty(listed.Entities);
            foreach (var entity in listed.Entities)
            {
                var snapshot = await _strata.Services.Entities.GetSnapshotAsync(user, entity.EntityId, null, None);
                Assert.Equal(snapshot.Provenance!.OrderBy(p => p.Key), entity.Provenance!.OrderBy(p => p.Key));
                Assert.Equal(entity.Fields.Keys.Order(), entity.Provenance!.Keys.Order());
            }
        }
        var ada = (await _strata.Services.Entities.RetrieveAsync(user, "contact", "ada", false, true, new Paging(), None)).Entities.Single();
        var correction = (await _strata.Services.Entities.ListObservationsAsync(user, ada.EntityId, new Paging(), None)).Observations
            .Single(o => o.Priority == 1000);
        Assert.Equal(correction.ObservationId, ada.Provenance!["title"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AListWithoutATextQueryLeavesProvenanceOutUnlessAskedAndTheSnapshotAlwaysHasIt(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await AliceWithContactsAsync();

        var plain = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(), None);
        var traced = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, true, new Paging(), None);

        Assert.Equal(3, plain.Entities.Count);
        Assert.All(plain.Entities, e => Assert.True(Wire(e).GetProperty("provenance").ValueKind == JsonValueKind.Null));
        Assert.All(traced.Entities, e => Assert.Equal(e.Fields.Keys.Order(), e.Provenance!.Keys.Order()));
        Assert.Equal(traced.Entities.Select(e => e.EntityId), plain.Entities.Select(e => e.EntityId));
        var snapshot = await _strata.Services.Entities.GetSnapshotAsync(user, plain.Entities[0].EntityId, null, None);
        Assert.NotEmpty(snapshot.Provenance!);
    }

    public void Dispose() => _strata?.Dispose();
}
