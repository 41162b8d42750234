namespace Strata.Core.Exports;

/// <summary>The writers of export files (Strata.Formats' <c>TableFormats.Default</c>): one per format name.</summary>
public interface ITableFormats
{
    /// <summary>The format names this host writes (<c>jsonl</c>, <c>csv</c>, <c>parquet</c>).</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>The file name extension and media type of a format's files.</summary>
    TableFileKind KindOf(string format);

    /// <summary>Starts a file of <paramref name="table"/> on <paramref name="destination"/>, which may not seek (an HTTP
    /// response, a ZIP entry). The writer leaves the stream open.</summary>
    ITableWriter Open(string format, ExportTable table, Stream destination);
}

/// <param name="Extension">With its dot: <c>.parquet</c>.</param>
public sealed record TableFileKind(string Extension, string MediaType);

/// <summary>One file being written, row by row; memory stays bounded whatever the number of rows.</summary>
public interface ITableWriter : IAsyncDisposable
{
    /// <summary>One row: a value per column of the table, of the column's <see cref="ExportValueKind"/>, or null.</summary>
    ValueTask WriteRowAsync(IReadOnlyList<object?> row, CancellationToken cancellationToken);

    /// <summary>Writes what is still buffered and the file's end; the file is whole only after this.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
