using Strata.Core.Llm;
using Strata.Llm.Calls;

namespace Strata.Llm.Runs;

/// <summary>
/// Holds a call slot (<see cref="ILlmCallSlots"/>) for the whole of each call, retries included, so the number of calls a
/// provider sees at once never passes the global and per-user bounds, whatever the number of workers and processes.
/// Waits for a free slot with a growing pause (capped at <paramref name="poll"/>); cancellation stops the wait.
/// </summary>
public sealed class SlotBoundLlmClient(ILlmClient inner, ILlmCallSlots slots, string userId, LlmCallLimits limits, TimeSpan poll, TimeProvider clock) : ILlmClient
{
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<ExtractionResponse> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        var slot = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await inner.ExtractAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Released even when the call was cancelled: the slot must not wait for its lease to lapse.
            await slots.ReleaseAsync(slot, CancellationToken.None).ConfigureAwait(false);
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
