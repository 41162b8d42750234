using Dapper;
using Strata.Core.Deletions;

namespace Strata.Relational.Deletions;

/// <summary>The removals of the forgetting deletes (docs/operations.md, "Forgetting"), inside the session's transaction.</summary>
internal sealed partial class DeletionStore
{
    public async Task LockSourceAsync(string sourceId, CancellationToken cancellationToken)
    {
        if (Sql.LockSource is not null) await scope.Connection.ExecuteAsync(Sql.LockSource, new { scope.UserId, sourceId }, scope.Transaction);
    }

    public async Task<IReadOnlyList<SourceRun>> RunsOfSourceAsync(string sourceId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<SourceRun>(ForgettingSql.RunsOfSource, new { scope.UserId, sourceId }, scope.Transaction)).ToList();

    public async Task<RemovedObservations> DeleteObservationsAsync(ObservationSelection selection, CancellationToken cancellationToken)
    {
        var (predicate, parameters) = selection switch
        {
            { ObservationId: { } id } => (scope.Dialect.Observations.OfId, (object)new { scope.UserId, observationId = id }),
            { EntityId: { } id } => (Sql.ObservationsOnEntity, new { scope.UserId, entityId = id }),
            { RunId: { } id } => (scope.Dialect.Observations.OfRun, new { scope.UserId, runId = id }),
            _ => throw new ArgumentException("An observation selection names one observation, an entity or a run.", nameof(selection)),
        };
        var references = ForgettingSql.ReferencesOf(predicate);
        var evidence = await scope.Connection.ExecuteAsync(references[0], parameters, scope.Transaction)
            + await scope.Connection.ExecuteAsync(references[1], parameters, scope.Transaction);
        var blockValues = await scope.Connection.ExecuteAsync(references[2], parameters, scope.Transaction);
        // The entities are read from the rows deleted, not before: an observation committed meanwhile is counted too.
        var observations = 0;
        var entities = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = await scope.Connection.ExecuteReaderAsync(ForgettingSql.Observations(predicate), parameters, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                observations++;
                entities.Add(reader.GetString(0));
                entities.Add(reader.GetString(1));
            }
        }
        return new RemovedObservations(observations, evidence, blockValues, entities);
    }

    public async Task<RemovedRunRest> DeleteRunAsync(string runId, CancellationToken cancellationToken)
    {
        var parameters = new { scope.UserId, runId };
        var items = await scope.Connection.ExecuteAsync(ForgettingSql.RunItems, parameters, scope.Transaction);
        var fragments = await scope.Connection.ExecuteAsync(ForgettingSql.RunFragments, parameters, scope.Transaction);
        await scope.Connection.ExecuteAsync(ForgettingSql.RunEvidence, parameters, scope.Transaction);
        // Relation observations outlive their run: the source they read through it goes into their own rows first.
        await scope.Connection.ExecuteAsync(scope.Dialect.Relations.KeepSourcesOfRun, parameters, scope.Transaction);
        var run = await scope.Connection.ExecuteAsync(ForgettingSql.Run, parameters, scope.Transaction) == 1;
        return new RemovedRunRest(items, fragments, run);
    }

    public Task<int> DeleteFragmentsOfEntityAsync(string entityId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(ForgettingSql.EntityFragments, new { scope.UserId, entityId }, scope.Transaction);

    public Task<int> DeleteUnobservedFragmentsAsync(string runId, string entityId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(ForgettingSql.UnobservedFragments(scope.Dialect.Observations), new { scope.UserId, runId, entityId }, scope.Transaction);

    public async Task<int> ForgetFirstWriterAsync(string entityId, CancellationToken cancellationToken)
    {
        var parameters = new { scope.UserId, entityId };
        // Only a split moves observations away from the entity they were first written to; no index leads there otherwise.
        if (await scope.Connection.ExecuteScalarAsync<long>(ForgettingSql.WasSplit, parameters, scope.Transaction) == 0) return 0;
        return await scope.Connection.ExecuteAsync(scope.Dialect.Observations.ForgetFirstWriter, parameters, scope.Transaction);
    }

    public Task<int> DeleteGeneratedMemoryAsync(CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(ForgettingSql.GeneratedMemory, new { scope.UserId }, scope.Transaction);

    public Task<int> DeleteConversationsOfSourceAsync(string sourceId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(ForgettingSql.Conversations, new { scope.UserId, sourceId }, scope.Transaction);
}
