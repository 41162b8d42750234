using Dapper;

namespace Strata.Relational.Entities;

internal sealed partial class EntityStore
{
    /// <summary>The same text on both databases: an export needs the types present before it opens one file per type.</summary>
    public async Task<IReadOnlyList<string>> ListTypesAsync(bool includeMerged, CancellationToken cancellationToken)
    {
        var merged = includeMerged ? "" : " AND merged_into IS NULL";
        var types = await scope.Connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT entity_type FROM entities WHERE {Sql.OfUser()}{merged} ORDER BY entity_type",
            new { scope.UserId }, scope.Transaction, cancellationToken: cancellationToken));
        return types.ToList();
    }
}
