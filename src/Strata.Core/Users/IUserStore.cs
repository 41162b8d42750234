namespace Strata.Core.Users;

/// <summary>Users are the one table not scoped by user: it is how a credential becomes a user.</summary>
public interface IUserStore
{
    Task<User?> FindByNameAsync(string name, CancellationToken cancellationToken);

    Task<User?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken);

    /// <summary>Inserts the user unless one with that name exists; returns whether it was inserted.</summary>
    Task<bool> InsertAsync(User user, string? apiKeyHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken);
}
