using System.Data.Common;

namespace Strata.Relational;

/// <summary>The rows a multi-row statement returns (<see cref="RowBatch"/>): the few reads its callers make, over the
/// driver's reader or a statement run by position.</summary>
internal abstract class RowBatchReader : IAsyncDisposable
{
    public abstract int FieldCount { get; }

    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    public abstract string GetString(int ordinal);

    public abstract long GetInt64(int ordinal);

    public int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public abstract ValueTask DisposeAsync();

    /// <summary>Over the driver's reader.</summary>
    public sealed class OfDbReader(DbDataReader reader) : RowBatchReader
    {
        public override int FieldCount => reader.FieldCount;

        public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken) => await reader.ReadAsync(cancellationToken);

        public override string GetString(int ordinal) => reader.GetString(ordinal);

        public override long GetInt64(int ordinal) => reader.GetInt64(ordinal);

        public override ValueTask DisposeAsync() => reader.DisposeAsync();
    }
}
