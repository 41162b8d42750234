namespace Strata.Core.Schemas;

/// <summary>The user's own registered schemas (built-in ones live in code).</summary>
public interface ISchemaStore
{
    Task<IReadOnlyList<RegisteredSchema>> ListLatestAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RegisteredSchema>> ListVersionsAsync(string entityType, CancellationToken cancellationToken);

    Task InsertAsync(RegisteredSchema schema, CancellationToken cancellationToken);

    /// <summary>Deletes every version of the user's schema for the type; returns how many versions went.</summary>
    Task<int> DeleteAsync(string entityType, CancellationToken cancellationToken);
}
