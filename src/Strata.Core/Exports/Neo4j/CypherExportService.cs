using System.Runtime.CompilerServices;
using System.Text;
using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Relations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Exports.Neo4j;

/// <summary>
/// <c>export neo4j</c>: the user's entities and the relations holding now as a Cypher script that <c>cypher-shell -f</c>
/// runs against Neo4j, idempotently: one <c>MERGE</c> per entity on its id (label <see cref="EntityLabel"/> plus its
/// type), its fields as properties and each field's winning observation as <c>provenance_&lt;field&gt;</c>; then one
/// <c>MERGE</c> per relation between the two ends, keyed by the observation that won it, with its run, source and
/// validity. Every stored string goes in as an escaped literal (<see cref="CypherText"/>). Reads only, in one read
/// transaction; entities are read a page of <see cref="PageSize"/> at a time (twice: nodes first, so every relation
/// finds both ends), each statement written as it is made, so memory does not grow with the graph.
/// </summary>
public sealed class CypherExportService(IStrataStore store, ITableFormats? formats, TimeProvider clock)
{
    public const int PageSize = Paging.MaxLimit;
    public const string Cypher = "cypher";
    public const string AdminCsv = "admin-csv";
    public const string EntityLabel = "StrataEntity";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ExportReady _ready = new(store, clock);

    public Task<ExportDownload> ExportAsync(string userId, string? format, string? entityType, CancellationToken cancellationToken)
    {
        var name = (format ?? Cypher).Trim().ToLowerInvariant();
        if (name is not (Cypher or AdminCsv))
        {
            throw StrataException.Validation($"Unknown Neo4j export format '{format}': use cypher or admin-csv.");
        }
        var type = string.IsNullOrWhiteSpace(entityType) ? null : entityType.Trim().ToLowerInvariant();
        if (name == AdminCsv)
        {
            ExportFormats.Check(formats, ExportFormats.Csv);
            var admin = new AdminCsvExport(store, formats!, clock);
            return Task.FromResult(_ready.After(new ExportDownload(type is null ? "graph-admin-csv.zip" : $"graph-{type}-admin-csv.zip", ExportFiles.ZipMediaType,
                (destination, progress, ct) => admin.WriteAsync(userId, type, destination, progress, ct)), userId, "neo4j", AdminCsv));
        }
        return Task.FromResult(_ready.After(new ExportDownload(type is null ? "graph.cypher" : $"graph-{type}.cypher", "application/x-cypher-query",
            (destination, progress, ct) => WriteAsync(userId, type, destination, progress, ct)), userId, "neo4j", Cypher));
    }

    private async Task WriteAsync(string userId, string? type, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var now = clock.GetUtcNow();
        var output = new ExportOutput(destination);
        var counter = new ExportCounter(progress);
        await using (var writer = new StreamWriter(output, Utf8, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" })
        {
            await writer.WriteLineAsync($"// Strata graph export, {now.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}: run with cypher-shell -f. MERGE makes it safe to run again.");
            await writer.WriteLineAsync($"CREATE CONSTRAINT strata_entity_id IF NOT EXISTS FOR (n:{EntityLabel}) REQUIRE n.entity_id IS UNIQUE;");
            await foreach (var page in Pages(session, type, cancellationToken))
            {
                foreach (var snapshot in page)
                {
                    await writer.WriteLineAsync(CypherStatements.Node(snapshot, DisplayNames.Of(catalog, snapshot)));
                    counter.Add();
                    foreach (var link in GraphLinks(catalog, snapshot))
                    {
                        await writer.WriteLineAsync(CypherStatements.Link(link));
                        counter.Add();
                    }
                }
                await writer.FlushAsync(cancellationToken);
                await output.DrainAsync(all: false, cancellationToken);
            }
            await foreach (var page in Pages(session, type, cancellationToken))
            {
                foreach (var relation in await HoldingFromAsync(session, page, type, now, cancellationToken))
                {
                    await writer.WriteLineAsync(CypherStatements.Relationship(relation));
                    counter.Add();
                }
                await writer.FlushAsync(cancellationToken);
                await output.DrainAsync(all: false, cancellationToken);
            }
        }
        await output.DrainAsync(all: true, cancellationToken);
        counter.Finish();
    }

    /// <summary>The links the entity's schema maps (fields that become nodes), none without a graph mapping.</summary>
    internal static IEnumerable<GraphLink> GraphLinks(SchemaCatalog catalog, Snapshot snapshot) => GraphLink.Of(snapshot, catalog.ForEntity(snapshot.EntityType).Graph);

    /// <summary>The relations holding now from the page's entities whose other end is exported too (an entity of the
    /// type asked for, not merged away), in id order: both ends of every relationship are nodes of the export.</summary>
    internal static async Task<IReadOnlyList<RelationObservation>> HoldingFromAsync(IStoreReader session, IReadOnlyList<Snapshot> page, string? type,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = page.Select(s => s.EntityId).ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0) return [];
        var holding = (await session.Relations.HoldingAsync(ids, now, cancellationToken)).Where(r => ids.Contains(r.FromEntityId)).ToList();
        var others = holding.Select(r => r.ToEntityId).Where(id => !ids.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        var found = others.Count == 0 ? new Dictionary<string, Entity>() : await session.Entities.GetManyAsync(others, cancellationToken);
        return holding
            .Where(r => ids.Contains(r.ToEntityId)
                || (found.TryGetValue(r.ToEntityId, out var end) && end.MergedInto is null && (type is null || end.EntityType == type)))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    internal static async IAsyncEnumerable<IReadOnlyList<Snapshot>> Pages(IStoreReader session, string? type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await session.Entities.QueryAsync(new EntityQuery(type, null, false, new Paging(PageSize, Cursor: cursor), WithProvenance: true), cancellationToken);
            yield return page.Items;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }
}
