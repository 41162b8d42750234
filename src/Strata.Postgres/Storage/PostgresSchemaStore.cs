using System.Text.Json;
using Dapper;
using Strata.Core.Operations;
using Strata.Core.Schemas;

namespace Strata.Postgres.Storage;

internal sealed class PostgresSchemaStore(PostgresScope scope) : ISchemaStore
{
    private const string Columns = "entity_type AS EntityType, version AS Version, schema_uid AS SchemaUid, definition_json AS DefinitionJson, created_at AS CreatedAt";

    public async Task<IReadOnlyList<RegisteredSchema>> ListLatestAsync(CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<SchemaRow>($"""
            SELECT {Columns} FROM schemas s
            WHERE user_id = @UserId AND version = (SELECT MAX(version) FROM schemas l WHERE l.user_id = s.user_id AND l.entity_type = s.entity_type)
            ORDER BY entity_type
            """, new { scope.UserId }, scope.Transaction);
        return rows.Select(r => r.ToSchema()).ToList();
    }

    public async Task<IReadOnlyList<RegisteredSchema>> ListVersionsAsync(string entityType, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<SchemaRow>(
            $"SELECT {Columns} FROM schemas WHERE user_id = @UserId AND entity_type = @entityType ORDER BY version",
            new { scope.UserId, entityType }, scope.Transaction);
        return rows.Select(r => r.ToSchema()).ToList();
    }

    public Task InsertAsync(RegisteredSchema schema, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync("""
            INSERT INTO schemas (user_id, entity_type, version, schema_uid, definition_json, created_at)
            VALUES (@UserId, @entityType, @Version, @SchemaUid, @definitionJson, @createdAt)
            """,
            new { scope.UserId, entityType = schema.Definition.EntityType, schema.Version, schema.SchemaUid,
                definitionJson = JsonSerializer.Serialize(schema.Definition, StrataJson.Wire.SchemaDefinition),
                createdAt = PgTime.Write(schema.CreatedAt) }, scope.Transaction);

    private sealed class SchemaRow
    {
        public string EntityType { get; set; } = "";
        public int Version { get; set; }
        public string SchemaUid { get; set; } = "";
        public string DefinitionJson { get; set; } = "{}";
        public DateTime CreatedAt { get; set; }

        public RegisteredSchema ToSchema() => new(
            JsonSerializer.Deserialize(DefinitionJson, StrataJson.Wire.SchemaDefinition)!, Version, SchemaUid, false, PgTime.Read(CreatedAt));
    }
}
