namespace Strata.Core.Schemas;

/// <summary>The queries of <see cref="ISchemaStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface ISchemaReader
{
    Task<IReadOnlyList<RegisteredSchema>> ListLatestAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RegisteredSchema>> ListVersionsAsync(string entityType, CancellationToken cancellationToken);
}

/// <summary>The user's own registered schemas (built-in ones live in code).</summary>
public interface ISchemaStore : ISchemaReader
{
    Task InsertAsync(RegisteredSchema schema, CancellationToken cancellationToken);

    /// <summary>Deletes every version of the user's schema for the type; returns how many versions went.</summary>
    Task<int> DeleteAsync(string entityType, CancellationToken cancellationToken);
}
