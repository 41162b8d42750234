namespace Strata.Core.Users;

/// <summary>Users are the one table not scoped by user: it is how a credential becomes a user.</summary>
public interface IUserStore : IApiKeyStore, IWebSessionStore
{
    Task<User?> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Inserts the user, and its first key when one is given, in one transaction, unless a user with that
    /// name exists; returns whether it was inserted.</summary>
    Task<bool> InsertAsync(User user, NewApiKey? firstKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken);
}
