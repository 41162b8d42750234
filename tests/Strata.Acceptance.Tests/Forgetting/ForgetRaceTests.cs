using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Acceptance.Tests.Forgetting;

/// <summary>Forgetting deletes racing each other and writes to the same entity or source: every outcome is one of the
/// two orders, never a mix (no observation of a forgotten source left, no entity half-removed, nothing orphaned).</summary>
public sealed class ForgetRaceTests
{
    private const int Rounds = 6;

    private static readonly CancellationToken None = ForgetWorld.None;

    /// <summary>The call's answer, or the code it was refused with.</summary>
    private static async Task<(T? Result, string? Code)> AttemptAsync<T>(Func<Task<T>> call) where T : class
    {
        try { return (await Task.Run(call), null); }
        catch (StrataException e) { return (null, e.Code); }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TwoDeletesOfOneSourceAtOnceForgetItOnceAndTheOtherFindsItGone(string backend)
    {
        using var world = await ForgetWorld.StartAsync(backend);
        var forgetting = world.Strata.Services.Forgetting;

        var both = await Task.WhenAll(
            AttemptAsync(() => forgetting.DeleteSourceAsync(world.Alice, world.Mistake.SourceId, None)),
            AttemptAsync(() => forgetting.DeleteSourceAsync(world.Alice, world.Mistake.SourceId, None)));

        var done = Assert.Single(both, b => b.Result is not null).Result!;
        Assert.Equal((1, 2), (done.Removed["sources"], done.Removed["entities"]));
        Assert.Equal(ErrorCodes.SourceNotFound, Assert.Single(both, b => b.Result is null).Code);
        Assert.Single((await world.Strata.Services.Deletions.ListAsync(world.Alice, new Paging(), None)).Deletions);
        Assert.Empty(EntityOrphans.Of(world.Strata));
    }

    /// <summary>A write that waited for the delete of its entity is refused with CONFLICT and writes nothing (the house
    /// rule of <c>ObservationStore</c>); written again, it creates the entity anew.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnEntityDeleteRacingAWriteToItEndsAsOneOrderOrTheOther(string backend)
    {
        using var world = await ForgetWorld.StartAsync(backend);
        var services = world.Strata.Services;
        for (var round = 0; round < Rounds; round++)
        {
            var write = $$"""[{"entity_type": "contact", "name": "Ada Lovelace", "email": "ada@example.com", "title": "round {{round}}"}]""";
            var both = await Task.WhenAll(
                AttemptAsync(async () => (object)await services.Forgetting.DeleteEntityAsync(world.Alice, world.AdaId, None)),
                AttemptAsync(async () => (object)await world.Strata.StoreAsync(world.Alice, write)));

            Assert.IsType<DeleteResult>(both[0].Result);
            var observations = await AttemptAsync(() => services.Entities.ListObservationsAsync(world.Alice, world.AdaId, new Paging(), None));
            if (both[1].Code is { } refused)
            {
                Assert.Equal((ErrorCodes.Conflict, ErrorCodes.EntityNotFound), (refused, observations.Code));
                Assert.Equal(StoreActions.Created, (await world.Strata.StoreAsync(world.Alice, write)).Entities.Single().Action);
            }
            else if (observations.Code is null)
            {
                // The delete was first: the write created her anew, with its observation alone.
                var written = Assert.IsType<StoreResult>(both[1].Result).Entities.Single();
                Assert.Equal([written.ObservationId], observations.Result!.Observations.Select(o => o.ObservationId));
                Assert.Equal((world.AdaId, StoreActions.Created), (written.EntityId, written.Action));
            }
            else
            {
                // The write was first: the delete took its observation too.
                Assert.Equal(ErrorCodes.EntityNotFound, observations.Code);
                await world.Strata.StoreAsync(world.Alice, write);
            }
            Assert.Equal(round.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (await world.SnapshotAsync(world.AdaId)).Fields["title"].GetString()![6..]);
            Assert.Empty(EntityOrphans.Of(world.Strata));
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ASourceDeleteRacingAWriteToAnEntityItFedKeepsTheWriteAndNothingOfTheSource(string backend)
    {
        using var world = await ForgetWorld.StartAsync(backend);
        var services = world.Strata.Services;

        var both = await Task.WhenAll(
            AttemptAsync(async () => (object)await services.Forgetting.DeleteSourceAsync(world.Alice, world.Mistake.SourceId, None)),
            AttemptAsync(async () => (object)await world.Strata.StoreAsync(world.Alice,
                """[{"entity_type": "contact", "name": "Ada Lovelace", "email": "ada@example.com", "title": "Countess"}]""")));

        Assert.All(both, b => Assert.Null(b.Code));
        var written = ((StoreResult)both[1].Result!).Entities.Single();
        var observations = (await services.Entities.ListObservationsAsync(world.Alice, world.AdaId, new Paging(), None)).Observations;
        Assert.Contains(observations, o => o.ObservationId == written.ObservationId);
        Assert.DoesNotContain(observations, o => o.SourceId == world.Mistake.SourceId);
        var ada = await world.SnapshotAsync(world.AdaId);
        Assert.Equal(["email", "name", "phone", "title"], ada.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(EntityOrphans.Of(world.Strata));
    }
}
