namespace Strata.Core.Sources;

public interface ISourceStore
{
    Task<Source?> GetAsync(string sourceId, CancellationToken cancellationToken);

    Task<Source?> FindByHashAsync(string contentHash, CancellationToken cancellationToken);

    Task InsertAsync(Source source, CancellationToken cancellationToken);

    Task<(IReadOnlyList<Source> Items, int Total)> ListAsync(Paging paging, CancellationToken cancellationToken);
}
