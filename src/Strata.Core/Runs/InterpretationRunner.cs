using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>Creates interpretation runs, and runs one interpreter over one source in bounded slices.</summary>
public sealed class InterpretationRunner(IEnumerable<IInterpreter> interpreters, IBlobStore blobs, WriteLimits limits, TimeProvider clock)
{
    private readonly IReadOnlyList<IInterpreter> _interpreters = interpreters.ToList();

    public IInterpreter? For(string mimeType) => _interpreters.FirstOrDefault(i => i.CanInterpret(mimeType));

    /// <summary>The interpreter a queued run was created for.</summary>
    public IInterpreter? Named(string name) => _interpreters.FirstOrDefault(i => i.Name == name);

    /// <summary>A pending run: recorded when the work is queued, started by the worker that takes it.</summary>
    public static Run NewRun(string userId, Source source, IInterpreter interpreter, string? entityType, DateTimeOffset now)
    {
        var options = new RecordReadOptions(entityType, source.OriginalFilename);
        var config = new Dictionary<string, string?>(interpreter.Describe(source.MimeType, options))
        {
            ["entity_type"] = entityType,
            ["mime_type"] = source.MimeType,
        };
        var configJson = RunConfig.Serialize(config);
        return new Run(StrataIds.NewRun(), userId, source.Id, interpreter.Name, interpreter.Version, configJson,
            Sha256Hex.Of(configJson), RunStatuses.Pending, 0, 0, 0, null, now, null, null, null);
    }

    /// <summary>
    /// Interprets the source for a running run, committing a slice at a time (see <see cref="WriteLimits"/>) so that no
    /// transaction holds the database for long and memory holds one slice, whatever the size of the file. Each slice
    /// commits its observations, snapshots and the run's counters together; a run retried after a crash resumes after
    /// its last committed slice (its counters say where). The last slice also finishes the run and calls
    /// <paramref name="settleAsync"/> (the job's completion) in its transaction.
    /// </summary>
    /// <returns>The finished run; null when the run finished or moved on elsewhere meanwhile (timed out, or taken by
    /// another worker), or <paramref name="settleAsync"/> said no: the slice in hand is then not committed.</returns>
    /// <exception cref="Errors.StrataException">MALFORMED_CONTENT or VALIDATION_FAILED, before anything is committed: a
    /// file that fits in one slice is written in one transaction, and a longer one is read through once first.</exception>
    public async Task<Run?> InterpretAsync(IStrataStore store, Run run, Source source, IInterpreter interpreter,
        Func<IStoreSession, CancellationToken, Task<bool>> settleAsync, CancellationToken cancellationToken)
    {
        var entityType = RunConfig.EntityType(run.ConfigJson);
        var options = new RecordReadOptions(entityType, source.OriginalFilename, MaxValueBytes: limits.MaxValueBytes);
        SchemaCatalog catalog;
        await using (var read = await store.OpenReadAsync(run.UserId, cancellationToken))
        {
            catalog = await SchemaCatalog.LoadAsync(read.Schemas, cancellationToken);
        }
        var context = new WriteContext(run.Id, source.Id, ObservationKinds.Interpretation, Priorities.Interpretation, entityType,
            run.StartedAt ?? clock.GetUtcNow(), limits.MaxValueBytes);
        var slices = new SliceWriter(store, run, catalog, context, limits, clock);

        await using var content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken);
        await using var records = interpreter.InterpretAsync(content, source.MimeType, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var pending = new Queue<ExtractedRecord>(limits.SliceRecords);
        var toSkip = run.ItemsCount;
        var more = true;
        var checkedWhole = false;
        while (true)
        {
            while (more && pending.Count < limits.SliceRecords)
            {
                more = await records.MoveNextAsync();
                if (!more) break;
                if (toSkip > 0)
                {
                    toSkip--; // committed by an earlier attempt
                    continue;
                }
                RecordText.Require(records.Current);
                pending.Enqueue(records.Current);
            }
            if (more && !checkedWhole)
            {
                // More than one slice: what is committed stays, so a malformed record further on must be found before.
                await CheckAsync(source, interpreter, options, catalog, entityType, cancellationToken);
                checkedWhole = true;
            }
            var outcome = await slices.WriteAsync(pending, last: !more, settleAsync, cancellationToken);
            if (outcome.Stopped) return null;
            if (outcome.Finished is { } finished) return finished;
        }
    }

    /// <summary>Reads the whole source and shapes every record without writing anything: throws what writing would.</summary>
    private async Task CheckAsync(Source source, IInterpreter interpreter, RecordReadOptions options, SchemaCatalog catalog,
        string? entityType, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken);
        await foreach (var record in interpreter.InterpretAsync(content, source.MimeType, options, cancellationToken))
        {
            RecordText.Require(record);
            _ = RecordShaper.Shape(ValueLimit.Apply(record, limits.MaxValueBytes), entityType, catalog);
        }
    }

    /// <summary>A run as the result records show it, with the entities a finished run wrote.</summary>
    public static async Task<InterpretationOutcome> OutcomeAsync(IStoreReader session, Run run, CancellationToken cancellationToken)
    {
        if (!run.IsFinished)
        {
            return new InterpretationOutcome
            {
                RunId = run.Id,
                Status = run.Status,
                Reason = "The interpretation is queued; follow it with list_runs (`strata runs`, GET /v1/runs) or wait for it (ingest without --no-wait, or with wait=true).",
            };
        }
        var (entities, total) = await session.Observations.EntitiesOfRunAsync(run.Id, InterpretationOutcome.MaxListed, cancellationToken);
        var items = await session.RunItems.SummarizeAsync(run.Id, cancellationToken);
        return Summary(run, entities, total) with { ItemsFailed = items.Total > 0 ? items.Failed : null };
    }

    public static InterpretationOutcome Summary(Run run, IReadOnlyList<EntityRef> entities, int total) => new()
    {
        RunId = run.Id,
        Status = run.Status,
        ObservationsCreated = run.ObservationsCreated,
        UnknownFieldsCount = run.UnknownFieldsCount,
        ValuesTooLong = run.ValuesTooLong > 0 ? run.ValuesTooLong : null,
        Entities = entities,
        EntitiesTotal = total,
        Error = run.Error,
    };
}
