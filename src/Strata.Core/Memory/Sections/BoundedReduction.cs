namespace Strata.Core.Memory.Sections;

/// <summary>
/// Summarises many texts by levels: each level cuts its inputs into batches of at most the batch cap, one model call per
/// batch, and the next level reduces the summaries, until one is left or the depth cap is reached. A failed call loses
/// its batch from the summary and counts towards the circuit breaker; once open, no further call is made. The timeout is
/// checked on the injected clock before every call and also cancels a call in flight.
/// </summary>
public static class BoundedReduction
{
    /// <param name="summarize">One call: the batch and the level (1 for the first); returns the batch's summary, or throws
    /// <see cref="GenerationFailedException"/> when the model's answer could not be used.</param>
    public static async Task<ReductionResult> ReduceAsync(IReadOnlyList<string> inputs,
        Func<IReadOnlyList<string>, int, CancellationToken, Task<string>> summarize, ReductionLimits limits, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) return new ReductionResult(null, 0, 0, ReductionEnd.Empty, null);
        var deadline = clock.GetUtcNow() + limits.Timeout;
        using var timeout = new CancellationTokenSource(limits.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var breaker = new CircuitBreaker(limits.BreakerFailures);
        var level = inputs;
        int calls = 0, depth = 0;
        // A single input is still summarised once: the prose is the model's, never a copied fact line.
        while (depth == 0 || level.Count > 1)
        {
            if (depth == limits.DepthCap) return new ReductionResult(string.Join("\n\n", level), calls, depth, ReductionEnd.DepthCapped, breaker.LastError);
            depth++;
            var next = new List<string>();
            for (var first = 0; first < level.Count; first += limits.BatchCap)
            {
                if (clock.GetUtcNow() >= deadline) return new ReductionResult(null, calls, depth, ReductionEnd.TimedOut, breaker.LastError);
                var batch = level.Skip(first).Take(limits.BatchCap).ToList();
                calls++;
                try
                {
                    next.Add(await summarize(batch, depth, linked.Token));
                    breaker.Succeeded();
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return new ReductionResult(null, calls, depth, ReductionEnd.TimedOut, breaker.LastError);
                }
                catch (GenerationFailedException failed)
                {
                    breaker.Failed(failed.Message);
                    if (breaker.IsOpen) return new ReductionResult(null, calls, depth, ReductionEnd.BreakerOpen, breaker.LastError);
                }
            }
            if (next.Count == 0) return new ReductionResult(null, calls, depth, ReductionEnd.Failed, breaker.LastError);
            level = next;
        }
        return new ReductionResult(level[0], calls, depth, ReductionEnd.Reduced, breaker.LastError);
    }
}
