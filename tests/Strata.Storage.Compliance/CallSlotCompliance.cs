using Strata.Core.Llm;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="ILlmCallSlots"/> leases: a slot counts until its lease lapses, a renewal extends it,
/// and a holder that stops renewing (it died) frees its slot for others once the lease has lapsed.</summary>
public abstract class CallSlotCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly LlmCallLimits OnePerUser = new(Global: 10, PerUser: 1, Lease: TimeSpan.FromMinutes(1));

    [Fact]
    public async Task A_renewed_slot_holds_past_its_first_lease_and_a_dead_holders_slot_frees_when_its_lease_lapses()
    {
        var alice = await UserAsync("alice");
        var start = Clock.GetUtcNow();
        var live = await Store.LlmCallSlots.TryAcquireAsync(alice, "live-worker", OnePerUser, start, None);
        Assert.NotNull(live);

        // The holder renews while its call runs: past the first lease, the slot still counts.
        Assert.True(await Store.LlmCallSlots.RenewAsync(live, start + TimeSpan.FromSeconds(40) + OnePerUser.Lease, None));
        Assert.Null(await Store.LlmCallSlots.TryAcquireAsync(alice, "other-worker", OnePerUser, start + TimeSpan.FromSeconds(90), None));
        Assert.Equal(1, await Store.LlmCallSlots.CountHeldAsync(start + TimeSpan.FromSeconds(90), None));

        // The holder dies (no more renewals): once its lease lapses the next caller gets the slot.
        var next = await Store.LlmCallSlots.TryAcquireAsync(alice, "other-worker", OnePerUser, start + TimeSpan.FromSeconds(101), None);
        Assert.NotNull(next);
        Assert.False(await Store.LlmCallSlots.RenewAsync(live, start + TimeSpan.FromMinutes(5), None)); // gone with its lease
    }
}
