using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests;

/// <summary>A merge refused because an entity was merged already names the entities the caller gave and the whole
/// chain, never pointing at an entity that was itself merged.</summary>
public sealed class MergeChainTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Ada (a) was merged into Augusta (b), and Augusta into the Countess (c); Grace (d) stands alone.</summary>
    private async Task<(string User, string A, string B, string C, string D)> ChainAsync()
    {
        var user = await _strata.UserAsync("alice");
        var stored = await _strata.StoreAsync(user, """
            [{"entity_type": "contact", "name": "Ada Lovelace"},
             {"entity_type": "contact", "name": "Augusta Ada King"},
             {"entity_type": "contact", "name": "Countess of Lovelace"},
             {"entity_type": "contact", "name": "Grace Hopper"}]
            """);
        var (a, b, c, d) = (stored.Entities[0].EntityId, stored.Entities[1].EntityId, stored.Entities[2].EntityId, stored.Entities[3].EntityId);
        await _strata.Services.Merges.MergeAsync(user, a, b, "same person", None);
        await _strata.Services.Merges.MergeAsync(user, b, c, "same person", None);
        return (user, a, b, c, d);
    }

    private async Task<StrataException> RefusedAsync(string user, string from, string to)
    {
        var before = _strata.Fingerprint();
        var refused = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Merges.MergeAsync(user, from, to, null, None));
        Assert.Equal(ErrorCodes.EntityAlreadyMerged, refused.Code);
        Assert.Equal(before, _strata.Fingerprint());
        return refused;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task MergingTheEndOfAChainIntoItsStartIsRefusedAsACycleThatExplainsEveryHop(string backend)
    {
        _strata = TestStrata.Create(backend);
        var (user, a, b, c, _) = await ChainAsync();

        var refused = await RefusedAsync(user, c, a);

        Assert.Contains($"Cannot merge {c} into {a}", refused.Message);
        Assert.Contains($"{a} was merged into {b}, and {b} was merged into {c}", refused.Message);
        Assert.Contains("into itself", refused.Message);
        Assert.DoesNotContain($"merge into {b}", refused.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task MergingIntoAMergedEntityPointsAtTheEntityThatAnswersForItNotAtAMergedOne(string backend)
    {
        _strata = TestStrata.Create(backend);
        var (user, a, b, c, d) = await ChainAsync();

        var refused = await RefusedAsync(user, d, a);

        Assert.Contains($"Cannot merge {d} into {a}", refused.Message);
        Assert.Contains($"{b} was merged into {c}", refused.Message);
        Assert.EndsWith($"merge into {c} instead.", refused.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task MergingAnEntityThatWasMergedSaysWhereItsObservationsAreNow(string backend)
    {
        _strata = TestStrata.Create(backend);
        var (user, a, b, c, d) = await ChainAsync();

        var elsewhere = await RefusedAsync(user, a, d);
        var already = await RefusedAsync(user, a, c);

        Assert.Contains($"Cannot merge {a} into {d}", elsewhere.Message);
        Assert.Contains($"{a} was merged into {b}, and {b} was merged into {c}", elsewhere.Message);
        Assert.Contains($"merge {c} into {d} instead", elsewhere.Message);
        Assert.Contains($"{a} already answers as {c}", already.Message);
    }

    public void Dispose() => _strata?.Dispose();
}
