using Strata.Core.Llm;
using Strata.Core.Llm.Calls;

namespace Strata.Core.Extraction;

/// <summary>
/// Holds a call slot (<see cref="ILlmCallSlots"/>) for the whole of each call, retries included, so the number of calls a
/// provider sees at once never passes the global and per-user bounds, whatever the number of workers and processes.
/// Waits for a free slot with a growing pause (capped at <paramref name="poll"/>); cancellation stops the wait. While the
/// call runs its slot is renewed every third of the lease, so a holder that dies frees its slot within one lease.
/// </summary>
public sealed class SlotBoundLlmClient(IModelClient inner, ILlmCallSlots slots, string userId, LlmCallLimits limits, TimeSpan poll, TimeProvider clock) : IModelClient
{
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<ExtractionResponse> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        var slot = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        using var calling = new CancellationTokenSource();
        var renewing = RenewAsync(slot, calling.Token);
        try
        {
            return await inner.ExtractAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await calling.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            // Released even when the call was cancelled: the slot must not wait for its lease to lapse.
            await slots.ReleaseAsync(slot, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(string slot, CancellationToken calling)
    {
        var every = limits.Lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, calling).ConfigureAwait(false);
                await slots.RenewAsync(slot, clock.GetUtcNow() + limits.Lease, calling).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (calling.IsCancellationRequested)
        {
            // The call ended: the slot is released next.
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A renewal that fails (the database busy a moment) leaves the lease as it was; the call goes on, and at worst
            // its slot lapses early and one more call than the bound may start.
        }
    }

    private async Task<string> AcquireAsync(CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await slots.TryAcquireAsync(userId, _holder, limits, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } slot)
            {
                return slot;
            }
            await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, poll.Ticks));
        }
    }
}
