using Strata.Core.Interpretation;
using Strata.Core.Operations;
using Strata.Core.Relations;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Observations;

/// <summary>
/// One structured write's run, written a slice at a time (at most <see cref="WriteLimits.SliceRecords"/> records or
/// <see cref="WriteLimits.SliceTime"/> per transaction). The run is finished by the slice that writes its last
/// record; each slice before records the counters so far, so a write cut short shows how far it got.
/// </summary>
internal sealed class StructuredRun(Run run, Run? existingRun, Source source, List<ShapedRecord> records,
    SchemaCatalog catalog, WriteContext context, WriteLimits limits, TimeProvider clock)
{
    /// <summary>Records written between looks at the clock.</summary>
    private const int Chunk = 50;

    private readonly List<StoredEntity> _stored = new(records.Count);

    /// <summary>Observations a cut-short earlier attempt created: this one finds them there and creates them no more.</summary>
    private readonly int _createdBefore = existingRun is { IsFinished: false } ? existingRun.ObservationsCreated : 0;

    private IReadOnlyList<StoredRelation>? _relations;

    /// <summary>The relations the write states, written with its last records (the run completes with them or not at all).</summary>
    public IReadOnlyList<RelationInput> Relations { get; init; } = [];

    private int _created;
    private int _unknown;

    public bool Done => _stored.Count == records.Count;

    public async Task WriteSliceAsync(IStoreSession session, CancellationToken cancellationToken)
    {
        var writer = new ObservationWriter(session, catalog, context);
        var started = clock.GetTimestamp();
        var end = Math.Min(records.Count, _stored.Count + limits.SliceRecords);
        while (_stored.Count < end && (writer.ItemsCount == 0 || clock.GetElapsedTime(started) < limits.SliceTime))
        {
            var count = Math.Min(Chunk, end - _stored.Count);
            _stored.AddRange(await writer.WriteShapedAllAsync(records.GetRange(_stored.Count, count), cancellationToken));
        }
        await writer.RefreshSnapshotsAsync(cancellationToken);
        _created += writer.ObservationsCreated;
        if (Done && Relations.Count > 0)
        {
            _relations = await RelationWriter.WriteAsync(session, catalog.Relations, Relations, _stored, run.Id, source.Id, context.Priority,
                clock.GetUtcNow(), cancellationToken);
            _created += _relations.Count;
        }
        _unknown += writer.UnknownFieldsCount;

        if (existingRun is { IsFinished: true })
        {
            return; // a repeat of a finished write: its run keeps the counters it finished with
        }
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.IsFinished)
        {
            return; // an identical write running alongside finished it
        }
        if (Done)
        {
            await RunLedger.CompleteAsync(session, current, new RunProgress(records.Count, _createdBefore + _created, _unknown, 0), items: null,
                clock.GetUtcNow(), cancellationToken);
        }
        else
        {
            // Informational: an identical write running alongside may have moved it on, and then keeps its own.
            await RunLedger.ProgressAsync(session, run.Id, current.ItemsCount,
                new RunProgress(_stored.Count, _createdBefore + _created, _unknown, 0), clock.GetUtcNow(), cancellationToken);
        }
    }

    public StoreResult Result() => new(source.Id, run.Id, _stored, existingRun?.UnknownFieldsCount ?? _unknown) { Relations = _relations };
}
