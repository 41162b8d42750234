using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>
/// Writes one run's records a slice at a time, each slice in a transaction of its own that ends when it has written
/// <see cref="WriteLimits.SliceRecords"/> records or worked for <see cref="WriteLimits.SliceTime"/>, whichever comes
/// first. A slice carries the run's counters with it, fenced on where the previous slice left them: a slice whose run
/// finished or was moved on by another worker meanwhile commits nothing.
/// </summary>
internal sealed class SliceWriter(IStrataStore store, Run run, SchemaCatalog catalog, WriteContext context, WriteLimits limits, TimeProvider clock)
{
    /// <summary>Records written between looks at the clock.</summary>
    private const int Chunk = 50;

    private RunProgress _progress = RunProgress.Of(run);

    public readonly record struct Outcome(bool Stopped, Run? Finished);

    /// <summary>Writes from <paramref name="pending"/> (taking what it wrote off it) in one transaction; with
    /// <paramref name="last"/>, once it is empty, also finishes the run and settles.</summary>
    public async Task<Outcome> WriteAsync(Queue<ExtractedRecord> pending, bool last,
        Func<IStoreSession, CancellationToken, Task<bool>> settleAsync, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(run.UserId, cancellationToken);
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.IsFinished || current.ItemsCount != _progress.Items)
        {
            return new Outcome(Stopped: true, null);
        }

        var writer = new ObservationWriter(session, catalog, context);
        var started = clock.GetTimestamp();
        var chunk = new List<ExtractedRecord>(Chunk);
        while (pending.Count > 0 && (chunk.Count == 0 || clock.GetElapsedTime(started) < limits.SliceTime))
        {
            chunk.Clear();
            while (chunk.Count < Chunk && pending.TryDequeue(out var record)) chunk.Add(record);
            await writer.WriteAllAsync(chunk, cancellationToken);
        }
        await writer.RefreshSnapshotsAsync(cancellationToken);

        var progress = new RunProgress(
            _progress.Items + writer.ItemsCount,
            _progress.ObservationsCreated + writer.ObservationsCreated,
            _progress.UnknownFields + writer.UnknownFieldsCount,
            _progress.ValuesTooLong + writer.ValuesTooLong);
        if (last && pending.Count == 0)
        {
            var finished = await RunLedger.CompleteAsync(session, current, progress, items: null, clock.GetUtcNow(), cancellationToken);
            if (finished is null || !await settleAsync(session, cancellationToken))
            {
                return new Outcome(Stopped: true, null);
            }
            await session.CommitAsync(cancellationToken);
            return new Outcome(Stopped: false, finished);
        }

        if (!await RunLedger.ProgressAsync(session, run.Id, _progress.Items, progress, clock.GetUtcNow(), cancellationToken))
        {
            return new Outcome(Stopped: true, null);
        }
        await session.CommitAsync(cancellationToken);
        _progress = progress;
        return new Outcome(Stopped: false, null);
    }
}
