using Strata.Core.Exports;

namespace Strata.Formats.Exports;

/// <summary>One export format: its name, its files' kind, and a writer of one table.</summary>
public interface ITableFormat
{
    string Name { get; }

    TableFileKind Kind { get; }

    ITableWriter Open(ExportTable table, Stream destination);
}
