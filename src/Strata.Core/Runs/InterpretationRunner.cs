using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>Creates interpretation runs, and runs one interpreter over one source inside the caller's transaction.</summary>
public sealed class InterpretationRunner(IEnumerable<IInterpreter> interpreters, IBlobStore blobs, TimeProvider clock)
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

    /// <summary>Interprets the source for a running run and records its outcome. Throws (leaving the caller to roll
    /// back) when the content is malformed; returns null when the run finished elsewhere meanwhile (timed out), in
    /// which case the caller must not commit.</summary>
    public async Task<Run?> InterpretAsync(IStoreSession session, Run run, Source source, IInterpreter interpreter, CancellationToken cancellationToken)
    {
        var entityType = RunConfig.EntityType(run.ConfigJson);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var writer = new ObservationWriter(session, catalog,
            new WriteContext(run.Id, source.Id, ObservationKinds.Interpretation, Priorities.Interpretation, entityType, clock.GetUtcNow()));
        var options = new RecordReadOptions(entityType, source.OriginalFilename);

        await using (var content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken))
        {
            var pending = new List<ExtractedRecord>(ObservationWriter.LookupBatchSize);
            await foreach (var record in interpreter.InterpretAsync(content, source.MimeType, options, cancellationToken))
            {
                RecordText.Require(record);
                pending.Add(record);
                if (pending.Count == ObservationWriter.LookupBatchSize)
                {
                    await writer.WriteAllAsync(pending, cancellationToken);
                    pending.Clear();
                }
            }
            await writer.WriteAllAsync(pending, cancellationToken);
        }
        await writer.RefreshSnapshotsAsync(cancellationToken);

        var finished = run with
        {
            Status = RunStatuses.Completed,
            ItemsCount = writer.ItemsCount,
            ObservationsCreated = writer.ObservationsCreated,
            UnknownFieldsCount = writer.UnknownFieldsCount,
            CompletedAt = clock.GetUtcNow(),
        };
        return await session.Runs.FinishAsync(finished, cancellationToken) ? finished : null;
    }

    /// <summary>A run as the result records show it, with the entities a finished run wrote.</summary>
    public static async Task<InterpretationOutcome> OutcomeAsync(IStoreSession session, Run run, CancellationToken cancellationToken)
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
        return Summary(run, entities, total);
    }

    public static InterpretationOutcome Summary(Run run, IReadOnlyList<EntityRef> entities, int total) => new()
    {
        RunId = run.Id,
        Status = run.Status,
        ObservationsCreated = run.ObservationsCreated,
        UnknownFieldsCount = run.UnknownFieldsCount,
        Entities = entities,
        EntitiesTotal = total,
        Error = run.Error,
    };
}
