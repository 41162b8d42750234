namespace Strata.Core.Schemas;

/// <summary>The user's own registered schemas (built-in ones live in code).</summary>
public interface ISchemaStore
{
    Task<IReadOnlyList<RegisteredSchema>> ListLatestAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RegisteredSchema>> ListVersionsAsync(string entityType, CancellationToken cancellationToken);

    Task InsertAsync(RegisteredSchema schema, CancellationToken cancellationToken);
}
