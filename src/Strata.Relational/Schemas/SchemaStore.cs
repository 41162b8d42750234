using System.Text.Json;
using Dapper;
using Strata.Core.Operations;
using Strata.Core.Schemas;

namespace Strata.Relational.Schemas;

/// <summary>The schemas one user registered, every version kept, on either database.</summary>
internal sealed class SchemaStore(StoreScope scope) : ISchemaStore
{
    private SchemaSql Sql => scope.Dialect.Schemas;

    public async Task<IReadOnlyList<RegisteredSchema>> ListLatestAsync(CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<SchemaRow>(Sql.ListLatest, new { scope.UserId }, scope.Transaction);
        return rows.Select(r => r.ToSchema()).ToList();
    }

    public async Task<IReadOnlyList<RegisteredSchema>> ListVersionsAsync(string entityType, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<SchemaRow>(Sql.ListVersions, new { scope.UserId, entityType }, scope.Transaction);
        return rows.Select(r => r.ToSchema()).ToList();
    }

    public Task InsertAsync(RegisteredSchema schema, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Insert,
            new { scope.UserId, entityType = schema.Definition.EntityType, schema.Version, schema.SchemaUid,
                definitionJson = JsonSerializer.Serialize(schema.Definition, StrataJson.Wire.SchemaDefinition),
                createdAt = scope.Time(schema.CreatedAt) }, scope.Transaction);

    public Task<int> DeleteAsync(string entityType, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Delete, new { scope.UserId, entityType }, scope.Transaction);

    /// <summary>One row as either database returns it; the time is <see cref="object"/> (see <see cref="StoredTime"/>).</summary>
    private sealed class SchemaRow
    {
        public string EntityType { get; set; } = "";
        public int Version { get; set; }
        public string SchemaUid { get; set; } = "";
        public string DefinitionJson { get; set; } = "{}";
        public object CreatedAt { get; set; } = "";

        public RegisteredSchema ToSchema() => new(
            JsonSerializer.Deserialize(DefinitionJson, StrataJson.Wire.SchemaDefinition)!, Version, SchemaUid, false, StoredTime.Read(CreatedAt));
    }
}
