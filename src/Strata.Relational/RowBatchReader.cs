using System.Data.Common;

namespace Strata.Relational;

/// <summary>The rows a statement run by position returns (<see cref="RowBatch"/>, a term's recall posting lists): the few
/// reads its callers make, over the driver's reader or a statement run by position.</summary>
internal abstract class RowBatchReader : IAsyncDisposable
{
    public abstract int FieldCount { get; }

    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    public abstract string GetString(int ordinal);

    public abstract long GetInt64(int ordinal);

    /// <summary>A blob's bytes, valid until the next row is read: lent by the database where it can, copied otherwise.</summary>
    public abstract ReadOnlySpan<byte> GetBlob(int ordinal);

    /// <summary>The rows the statement inserted, updated or deleted (not counting those of its triggers), once it has run
    /// to its end.</summary>
    public abstract int RecordsAffected { get; }

    public int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public abstract ValueTask DisposeAsync();

    /// <summary>Over the driver's reader.</summary>
    public sealed class OfDbReader(DbDataReader reader) : RowBatchReader
    {
        public override int FieldCount => reader.FieldCount;

        public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken) => await reader.ReadAsync(cancellationToken);

        public override string GetString(int ordinal) => reader.GetString(ordinal);

        public override long GetInt64(int ordinal) => reader.GetInt64(ordinal);

        public override ReadOnlySpan<byte> GetBlob(int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

        public override int RecordsAffected => reader.RecordsAffected;

        public override ValueTask DisposeAsync() => reader.DisposeAsync();
    }
}
