namespace Strata.Core.Exports.Memory;

/// <summary>Writes a memory export in one format, front to back: the header, then every type's entries in turn.
/// Each call writes into the export's buffer; the service passes it on between entries.</summary>
internal interface IMemoryWriter : IAsyncDisposable
{
    Task BeginAsync(MemoryExportHeader header);

    Task TypeAsync(string entityType);

    Task EntryAsync(MemoryEntry entry);

    Task EndAsync(long entries);
}
