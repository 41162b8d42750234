using Strata.Core.Exports;

namespace Strata.Formats.Exports;

/// <summary>The export writers this build has, found by name; <see cref="Default"/> is the list every host uses.</summary>
public sealed class TableFormats(IReadOnlyList<ITableFormat> formats) : ITableFormats
{
    public static readonly TableFormats Default = new([new JsonLinesFormat(), new CsvFormat(), new ParquetFormat()]);

    private readonly Dictionary<string, ITableFormat> _byName = formats.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public TableFileKind KindOf(string format) => Find(format).Kind;

    public ITableWriter Open(string format, ExportTable table, Stream destination) => Find(format).Open(table, destination);

    private ITableFormat Find(string format) =>
        _byName.TryGetValue(format, out var found) ? found : throw new ArgumentException($"No export format '{format}'.", nameof(format));
}
