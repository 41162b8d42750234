using System.Globalization;
using System.Text;
using Dapper;
using Strata.Core.Recall;
using Strata.Core.Recall.Embeddings;

namespace Strata.Relational.Recall;

/// <summary>The user's recall vectors: written in multi-row statements in the caller's transaction, read in keyset batches.</summary>
internal sealed partial class RecallIndexStore
{
    public async Task<IReadOnlyList<UnitText>> UnembeddedAsync(string model, UnitKey? after, int limit, CancellationToken cancellationToken)
    {
        if (Sql.UnembeddedSettings is { } settings) await scope.Connection.ExecuteAsync(settings, transaction: scope.Transaction);
        var units = new List<UnitText>();
        var sql = after is null ? Sql.Unembedded + Sql.UnembeddedOrder : Sql.Unembedded + Sql.UnembeddedAfter + Sql.UnembeddedOrder;
        var parameters = new { scope.UserId, model, limit, afterDocument = after?.DocumentId, afterIndex = after?.BlockIndex };
        using var reader = await scope.Connection.ExecuteReaderAsync(sql, parameters, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            units.Add(new UnitText(new UnitKey(reader.GetString(0), Int(reader, 1)), reader.GetString(2)));
        }
        return units;
    }

    public async Task AddVectorsAsync(string model, IReadOnlyList<(UnitKey Key, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        if (Sql.InsertVectorArrays is { } arrays)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(arrays, new
            {
                scope.UserId,
                model,
                documentIds = vectors.Select(v => v.Key.DocumentId).ToArray(),
                blockIndexes = vectors.Select(v => v.Key.BlockIndex).ToArray(),
                vectors = vectors.Select(v => VectorBytes.Of(v.Vector)).ToArray(),
            }, scope.Transaction, cancellationToken: cancellationToken));
            return;
        }
        // One multi-row statement per chunk rather than one per vector: the backfill's store time is per statement.
        var added = await RowBatches.InsertAsync(scope, Sql.InsertVectorsHead, Sql.InsertVectorsRow, Sql.InsertVectorsTail, RecallSql.InsertVectorsColumns, vectors,
            (v, column) => column switch
            {
                0 => model, 1 => v.Key.DocumentId, 2 => v.Key.BlockIndex, 3 => v.Vector.Length, _ => VectorBytes.Of(v.Vector),
            }, cancellationToken);
        if (Sql.CountAddedVectors is { } count && added > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(count, new { scope.UserId, model, added }, scope.Transaction,
                cancellationToken: cancellationToken));
        }
    }

    public async Task<IReadOnlyDictionary<string, VectorCount>> VectorCountsAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, VectorCount>(StringComparer.Ordinal);
        using var reader = await scope.Connection.ExecuteReaderAsync(Sql.VectorCounts, new { scope.UserId }, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = new VectorCount(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
        }
        return counts;
    }

    public Task<int> DeleteOtherModelsAsync(string model, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.DeleteOtherModels, new { scope.UserId, model }, scope.Transaction);

    public async Task<IReadOnlyList<StoredVector>> VectorsAsync(string model, RecallFilter filter, UnitKey? after, int limit,
        CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(Sql.Vectors);
        var parameters = new DynamicParameters(new { scope.UserId, model, limit });
        if (after is { } a)
        {
            sql.Append(Sql.VectorsAfter);
            parameters.Add("afterDocument", a.DocumentId);
            parameters.Add("afterIndex", a.BlockIndex);
        }
        AppendFilter(sql, parameters, filter, "u.", Sql.VectorsProjectCondition);
        sql.Append(Sql.VectorsOrder);
        var rows = new List<StoredVector>();
        using var reader = await scope.Connection.ExecuteReaderAsync(sql.ToString(), parameters, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredVector(new UnitKey(reader.GetString(0), Int(reader, 1)), (byte[])reader.GetValue(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture)));
        }
        return rows;
    }
}
