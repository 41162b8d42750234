using Strata.Core.Errors;
using Strata.Core.Storage;

namespace Strata.Core.MemoryServer;

/// <summary>What <c>strata import memory-json</c> did: lines read, what they created or added, and the lines refused.</summary>
public sealed record MemoryImportResult(long Lines, int EntitiesCreated, int ObservationsAdded, int RelationsCreated,
    int LinesRefused, IReadOnlyList<MemoryLineProblem> Problems, bool Strict);

/// <summary>A line of the file that was not imported, and why (the first <see cref="MemoryServerService.ProblemsListed"/> are listed).</summary>
public sealed record MemoryLineProblem(long Line, string Message);

public sealed partial class MemoryServerService
{
    public const int ProblemsListed = 100;

    /// <summary>Lines taken per batch: each batch is one call's worth of writes (create, then add to what already existed).</summary>
    private const int ImportBatch = 500;

    /// <summary>
    /// <c>strata import memory-json</c>: the reference's file into the profile's graph, as its tools would write it. An
    /// entity already held (or named twice in the file) keeps its type and gains the observations it lacked; a relation
    /// already holding is left as it is. Each batch of <see cref="ImportBatch"/> lines is written as profile calls (each
    /// its own transaction), so a crash keeps whole batches and importing the same file again finishes the job without
    /// doubling anything. A refused line is reported with its number and the others are imported; with
    /// <paramref name="strict"/> the file is read through once first and nothing is written if any line is refused.
    /// </summary>
    public async Task<MemoryImportResult> ImportFileAsync(string userId, Func<Stream> open, bool strict, CancellationToken cancellationToken)
    {
        var problems = new List<MemoryLineProblem>();
        var refused = 0;
        long lines = 0;
        if (strict)
        {
            await using var checking = open();
            await foreach (var line in MemoryFileLines.ReadAsync(checking, cancellationToken))
            {
                lines = line.Number;
                if (Problem(line) is not { } problem) continue;
                refused++;
                if (problems.Count < ProblemsListed) problems.Add(problem);
            }
            if (refused > 0) return new MemoryImportResult(lines, 0, 0, 0, refused, problems, strict);
        }

        int entitiesCreated = 0, observationsAdded = 0, relationsCreated = 0;
        var entities = new List<MemoryEntity>();
        var relations = new List<MemoryRelation>();
        async Task FlushAsync()
        {
            var created = await CreateEntitiesAsync(userId, entities, cancellationToken);
            entitiesCreated += created.Count;
            // Those not created here were held already, or came twice: their observations are added to what is held.
            var createdOnce = created.ToHashSet();
            var additions = entities.Where(e => !createdOnce.Remove(e) && e.Observations.Count > 0)
                .Select(e => new MemoryObservationAddition(e.Name, e.Observations)).ToList();
            if (additions.Count > 0)
            {
                observationsAdded += (await AddObservationsAsync(userId, additions, cancellationToken)).Sum(a => a.AddedObservations.Count);
            }
            observationsAdded += created.Sum(e => e.Observations.Count);
            relationsCreated += (await CreateRelationsAsync(userId, relations, cancellationToken)).Count;
            entities.Clear();
            relations.Clear();
            await HoldPoint.ReachedAsync("memory-import-batch", cancellationToken);
        }

        await using (var content = open())
        {
            await foreach (var line in MemoryFileLines.ReadAsync(content, cancellationToken))
            {
                lines = line.Number;
                if (Problem(line) is { } problem)
                {
                    refused++;
                    if (problems.Count < ProblemsListed) problems.Add(problem);
                    continue;
                }
                if (line.Entity is { } entity) entities.Add(entity);
                if (line.Relation is { } relation) relations.Add(relation);
                if (entities.Count + relations.Count >= ImportBatch) await FlushAsync();
            }
        }
        if (entities.Count + relations.Count > 0) await FlushAsync();
        return new MemoryImportResult(lines, entitiesCreated, observationsAdded, relationsCreated, refused, problems, strict);
    }

    /// <summary>Why a line cannot be imported: unreadable, or a name or relation type the profile refuses.</summary>
    private static MemoryLineProblem? Problem(MemoryFileLine line)
    {
        if (line.Problem is { } problem) return new MemoryLineProblem(line.Number, problem);
        try
        {
            if (line.Entity is { } entity) MemoryNames.Check(entity.Name, "name");
            if (line.Relation is { } relation) MemoryNames.CheckRelation(relation);
            return null;
        }
        catch (StrataException refusal)
        {
            return new MemoryLineProblem(line.Number, refusal.Message);
        }
    }

    /// <summary>Entities folded per page of the export: a page's observation strings are what the export holds at once.</summary>
    public const int ExportPage = 20;

    /// <summary>
    /// <c>strata export memory-json</c>: the graph now (or at <paramref name="asOf"/>) in the reference's format, streamed:
    /// the entity lines a page of <see cref="ExportPage"/> entities at a time, then the relation lines reading the pages
    /// again (a relation written with the page of its <c>from</c> end), all in one read transaction so the two passes see
    /// the same graph. Memory holds one page, whatever the graph's size. Lines are sorted by name within a page, not
    /// across the file (the format has no order). Once the last line is written, <c>export.ready</c> is emitted in a
    /// transaction of its own (<see cref="Exports.ExportReady"/>), with the lines as its rows.
    /// </summary>
    public async Task ExportFileAsync(string userId, Stream output, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        long written = 0;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        await using (var lines = new MemoryFileLines.Writer(output))
        {
            var at = asOf ?? clock.GetUtcNow();
            await foreach (var page in MemoryGraphState.PagesAsync(session, at, ExportPage, cancellationToken))
            {
                foreach (var entity in page.Fold.Entities)
                {
                    await lines.EntityAsync(entity, cancellationToken);
                    written++;
                }
            }
            await foreach (var page in MemoryGraphState.PagesAsync(session, at, ExportPage, cancellationToken))
            {
                foreach (var (relation, fromId, _) in page.Relations)
                {
                    if (!page.EntityIdsRead.Contains(fromId)) continue;
                    await lines.RelationAsync(relation, cancellationToken);
                    written++;
                }
            }
        }
        await new Exports.ExportReady(store, clock).EmitAsync(userId, "memory-json", "jsonl", "memory.json", written, cancellationToken);
    }
}
