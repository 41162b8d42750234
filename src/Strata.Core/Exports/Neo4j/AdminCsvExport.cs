using Strata.Core.Relations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Exports.Neo4j;

/// <summary>
/// <c>export neo4j --format admin-csv</c>: a ZIP of <c>nodes/&lt;type&gt;.csv</c> and <c>relationships.csv</c> for
/// <c>neo4j-admin database import full --nodes=nodes/contact.csv … --relationships=relationships.csv</c>. Reads only, in
/// one read transaction, entities a page at a time (twice: nodes, then the relations from each page). A relationship is
/// written only when its other end is a node of the same export (neo4j-admin refuses a relationship to a missing node):
/// the other ends of each page are looked up together.
/// </summary>
internal sealed class AdminCsvExport(IStrataStore store, ITableFormats formats, TimeProvider clock)
{
    public async Task WriteAsync(string userId, string? type, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var now = clock.GetUtcNow();
        var output = new ExportOutput(destination);
        var counter = new ExportCounter(progress);
        await using (var files = ExportFiles.Zip(output))
        {
            var types = type is null ? await session.Entities.ListTypesAsync(includeMerged: false, cancellationToken) : [type];
            foreach (var each in types)
            {
                var table = AdminCsvTables.ForType(each, catalog.ForEntity(each));
                await TableExport.WriteAsync(formats, ExportFormats.Csv, table.Table, files, Nodes(session, each, cancellationToken).Select(table.Row), counter, cancellationToken);
                // A file per mapped field, each a pass over the type's entities (a ZIP holds one file open at a time).
                foreach (var (field, node) in (catalog.ForEntity(each).Graph?.Nodes ?? new Dictionary<string, GraphNodeMapping>()).OrderBy(n => n.Key, StringComparer.Ordinal))
                {
                    await TableExport.WriteAsync(formats, ExportFormats.Csv, AdminCsvTables.MappedNodes(each, field, node), files,
                        Nodes(session, each, cancellationToken).SelectMany(s => CypherExportService.GraphLinks(catalog, s).Where(l => l.Field == field).ToAsyncEnumerable())
                            .Select(AdminCsvTables.MappedNodeRow), counter, cancellationToken);
                }
            }
            await TableExport.WriteAsync(formats, ExportFormats.Csv, AdminCsvTables.Relationships, files,
                Relationships(session, type, now, cancellationToken).Select(AdminCsvTables.RelationshipRow)
                    .Concat(types.ToAsyncEnumerable().SelectMany(each => Nodes(session, each, cancellationToken))
                        .SelectMany(s => CypherExportService.GraphLinks(catalog, s).ToAsyncEnumerable()).Select(AdminCsvTables.LinkRow)),
                counter, cancellationToken);
        }
        counter.Finish();
    }

    private static async IAsyncEnumerable<Snapshots.Snapshot> Nodes(IStoreReader session, string type,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in CypherExportService.Pages(session, type, cancellationToken))
        {
            foreach (var snapshot in page) yield return snapshot;
        }
    }

    private static async IAsyncEnumerable<RelationObservation> Relationships(IStoreReader session, string? type, DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in CypherExportService.Pages(session, type, cancellationToken))
        {
            foreach (var relation in await CypherExportService.HoldingFromAsync(session, page, type, now, cancellationToken))
            {
                yield return relation;
            }
        }
    }
}
