using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>Runs one interpreter over one source inside the caller's transaction and records the run.</summary>
public sealed class InterpretationRunner(IEnumerable<IInterpreter> interpreters, IBlobStore blobs, TimeProvider clock)
{
    private readonly IReadOnlyList<IInterpreter> _interpreters = interpreters.ToList();

    public IInterpreter? For(string mimeType) => _interpreters.FirstOrDefault(i => i.CanInterpret(mimeType));

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
            Sha256Hex.Of(configJson), RunStatuses.Running, 0, 0, 0, null, now, now, null, now);
    }

    /// <summary>Interprets the source; throws (leaving the caller to roll back) when its content is malformed.</summary>
    public async Task<(Run Run, InterpretationOutcome Outcome)> RunAsync(
        IStoreSession session, Source source, IInterpreter interpreter, string? entityType, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var run = NewRun(session.UserId, source, interpreter, entityType, now);
        await session.Runs.InsertAsync(run, cancellationToken);

        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var writer = new ObservationWriter(session, catalog,
            new WriteContext(run.Id, source.Id, ObservationKinds.Interpretation, Priorities.Interpretation, entityType, now));
        var listed = new List<EntityRef>();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var options = new RecordReadOptions(entityType, source.OriginalFilename);

        await using (var content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken))
        {
            await foreach (var record in interpreter.InterpretAsync(content, source.MimeType, options, cancellationToken))
            {
                var stored = await writer.WriteAsync(record, cancellationToken);
                if (distinct.Add(stored.EntityId) && listed.Count < InterpretationOutcome.MaxListed)
                {
                    listed.Add(new EntityRef(stored.EntityId, stored.EntityType, stored.ObservationId));
                }
            }
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
        await session.Runs.FinishAsync(finished, cancellationToken);
        return (finished, Summary(finished, listed, distinct.Count));
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
