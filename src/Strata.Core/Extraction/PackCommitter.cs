using System.Globalization;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Core.Llm;
using Strata.Core.Observations;
using Strata.Core.Relations;
using Strata.Core.Operations;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Storage;
using Strata.Core.Evidence;
using Strata.Core.Extraction.Packing;

namespace Strata.Core.Extraction;

/// <summary>
/// Commits what one pack produced, in one transaction: the observations, relations, raw fragments and evidence of its
/// completed items, each item's end (tokens, cost, calls, error and raw output), the touched snapshots and the run's counters.
/// An item is completed if and only if its observations are written. Commits of one run are taken one at a time and
/// fenced on the run's counters: a run that finished or moved on elsewhere meanwhile takes nothing.
/// </summary>
internal sealed class PackCommitter(
    IStrataStore store,
    Run run,
    SchemaCatalog catalog,
    WriteContext context,
    EvidenceLocator locator,
    IReadOnlyDictionary<int, RunItem> claimed,
    RunProgress progress,
    bool keepAllRaw,
    TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RunProgress _progress = progress;

    public RunProgress Progress => _progress;

    /// <returns>False when the run finished or moved on elsewhere: nothing was committed.</returns>
    public async Task<bool> CommitAsync(PackReport report, IReadOnlyDictionary<string, CallShares.Share> shares, CancellationToken cancellationToken)
    {
        // Read the answers before taking the database: a malformed item fails here without holding anyone up.
        var answers = report.Items.Select(outcome => Read(outcome, shares)).ToList();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var session = await store.OpenWriteAsync(run.UserId, cancellationToken);
            var current = await session.Runs.GetAsync(run.Id, cancellationToken);
            if (current is null || current.IsFinished || current.ItemsCount != _progress.Items) return false;

            var writer = new ObservationWriter(session, catalog, context);
            var now = clock.GetUtcNow();
            var relationsCreated = 0;
            foreach (var answer in answers)
            {
                var item = claimed[answer.Index];
                var share = shares.GetValueOrDefault(answer.Id) ?? new CallShares.Share();
                var ended = item with
                {
                    InputTokens = share.Usage.Input,
                    OutputTokens = share.Usage.Output,
                    CacheReadTokens = share.Usage.CacheRead,
                    CacheWriteTokens = share.Usage.CacheWrite,
                    CostNanos = share.CostNanos,
                    Calls = share.Calls,
                    UpdatedAt = now,
                };
                if (answer.Entities is { } entities)
                {
                    var stored = await writer.WriteAllAsync(entities.Select(e => e.Record).ToList(), cancellationToken);
                    await session.Evidence.InsertManyAsync(EvidenceRows(entities, stored, answer.Index), cancellationToken);
                    if (answer.Relations.Count > 0)
                    {
                        relationsCreated += (await RelationWriter.WriteAsync(session, catalog.Relations, answer.Relations, stored, run.Id, run.SourceId,
                            context.Priority, now, cancellationToken, keyPrefix: string.Create(CultureInfo.InvariantCulture, $"item:{answer.Index}:"))).Count;
                    }
                    ended = ended with { Status = RunItemStatuses.Completed, RawOutput = keepAllRaw ? share.LastRaw : null };
                }
                else
                {
                    ended = ended with { Status = RunItemStatuses.Failed, Error = answer.Error, RawOutput = answer.Raw };
                }
                if (!await session.RunItems.FinishAsync(ended, cancellationToken)) return false;
            }
            await writer.RefreshSnapshotsAsync(cancellationToken);
            var next = new RunProgress(
                _progress.Items + answers.Count,
                _progress.ObservationsCreated + writer.ObservationsCreated + relationsCreated,
                _progress.UnknownFields + writer.UnknownFieldsCount,
                _progress.ValuesTooLong + writer.ValuesTooLong);
            if (!await RunLedger.ProgressAsync(session, run.Id, _progress.Items, next, now, cancellationToken)) return false;
            await session.CommitAsync(cancellationToken);
            _progress = next;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Answer(string Id, int Index, IReadOnlyList<AnsweredEntity>? Entities, string? Error, string? Raw)
    {
        public IReadOnlyList<RelationInput> Relations { get; init; } = [];
    }

    private Answer Read(ItemOutcome outcome, IReadOnlyDictionary<string, CallShares.Share> shares)
    {
        var index = int.Parse(outcome.ItemId, CultureInfo.InvariantCulture);
        var raw = outcome.RawOutput ?? shares.GetValueOrDefault(outcome.ItemId)?.LastRaw;
        if (!outcome.Completed || outcome.Result is not { } result) return new Answer(outcome.ItemId, index, null, outcome.Error ?? "The item failed.", raw) { Relations = [] };
        var item = claimed[index];
        try
        {
            var entities = ItemAnswer.Read(result, index, item.Start, item.Length, locator);
            var types = new List<string>(entities.Count);
            foreach (var entity in entities)
            {
                // What the writer would refuse, refused here for this item alone rather than for the whole pack.
                RecordText.Require(entity.Record);
                types.Add(RecordShaper.Shape(ValueLimit.Apply(entity.Record, context.MaxValueBytes), context.DefaultType, catalog).EntityType);
            }
            var relations = ItemAnswer.Relations(result, entities.Count);
            for (var i = 0; i < relations.Count; i++)
            {
                var relation = relations[i];
                RelationWriter.CheckEnds(catalog.Relations.Find(relation.RelationType), (types[relation.From.Index!.Value], relation.From.ToString()),
                    (types[relation.To.Index!.Value], relation.To.ToString()), i);
            }
            return new Answer(outcome.ItemId, index, entities, null, null) { Relations = relations };
        }
        catch (Exception e) when (e is FormatException or StrataException or InvalidOperationException)
        {
            return new Answer(outcome.ItemId, index, null, $"The answer for this item cannot be stored: {e.Message}", raw);
        }
    }

    private List<ObservationEvidence> EvidenceRows(IReadOnlyList<AnsweredEntity> entities, IReadOnlyList<StoredEntity> stored, int index)
    {
        var rows = new List<ObservationEvidence>();
        for (var i = 0; i < entities.Count; i++)
        {
            foreach (var evidence in entities[i].Evidence)
            {
                var span = evidence.Span;
                rows.Add(new ObservationEvidence(stored[i].ObservationId, evidence.Field, run.Id, index, evidence.Quote, span.Found,
                    span.Found ? span.Start : null, span.Found ? span.Length : null, span.Match.ToString().ToLowerInvariant()));
            }
        }
        return rows;
    }
}
