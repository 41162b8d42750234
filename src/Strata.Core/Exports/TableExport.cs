namespace Strata.Core.Exports;

/// <summary>Writes one table's rows into an export as they are read, passing bytes on between rows.</summary>
internal static class TableExport
{
    public static async Task WriteAsync(ITableFormats formats, string format, ExportTable table, ExportFiles files,
        IAsyncEnumerable<IReadOnlyList<object?>> rows, ExportCounter counter, CancellationToken cancellationToken)
    {
        var stream = files.Begin(table.Name + formats.KindOf(format).Extension);
        await using (var writer = formats.Open(format, table, stream))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await writer.WriteRowAsync(row, cancellationToken);
                await files.Output.DrainAsync(all: false, cancellationToken);
                counter.Add();
            }
            await writer.CompleteAsync(cancellationToken);
        }
        files.End();
        await files.Output.DrainAsync(all: false, cancellationToken);
    }
}

/// <summary>Rows written so far, reported every <see cref="Every"/> rows and at the end.</summary>
internal sealed class ExportCounter(IProgress<long>? progress)
{
    private const int Every = 1000;

    public long Rows { get; private set; }

    public void Add()
    {
        Rows++;
        if (Rows % Every == 0)
        {
            progress?.Report(Rows);
        }
    }

    public void Finish() => progress?.Report(Rows);
}
