using Strata.Core.Storage;
using Strata.Core.Webhooks;

namespace Strata.Core.Exports;

/// <summary>
/// <c>export.ready</c> for the streamed exports (entities, documents, projects, datasets, reconstructions, memory,
/// Neo4j). The export reads in its own read-only transaction; once it has written its last byte (a failed or cut-off
/// export never gets here), the event is emitted in a write transaction of its own, through the delivery job like every
/// event. Each finished write is one event: the same export asked for twice is written, and announced, twice.
/// </summary>
public sealed class ExportReady(IStrataStore store, TimeProvider clock)
{
    /// <summary>The download, announcing itself once it is written: <paramref name="export"/> is its kind
    /// (<c>entities</c>, <c>document</c>…), <paramref name="format"/> its format.</summary>
    public ExportDownload After(ExportDownload download, string userId, string export, string format) => download with
    {
        WriteToAsync = async (destination, progress, cancellationToken) =>
        {
            var tally = new Tally(progress);
            await download.WriteToAsync(destination, tally, cancellationToken);
            await EmitAsync(userId, export, format, download.FileName, tally.Rows, cancellationToken);
        },
    };

    public Task EmitAsync(string userId, string export, string format, string fileName, long rows, CancellationToken cancellationToken) =>
        ExportEvents.ReadyAsync(store, userId, export, clock.GetUtcNow(), json =>
        {
            json.WriteString("format", format);
            json.WriteString("file_name", fileName);
            json.WriteNumber("rows", rows);
        }, cancellationToken);

    /// <summary>Every export reports its final count last (<see cref="ExportCounter.Finish"/>): the last report is the rows.</summary>
    private sealed class Tally(IProgress<long>? inner) : IProgress<long>
    {
        public long Rows { get; private set; }

        public void Report(long value)
        {
            Rows = value;
            inner?.Report(value);
        }
    }
}
