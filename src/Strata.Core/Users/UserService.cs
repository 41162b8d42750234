using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Operations;

namespace Strata.Core.Users;

/// <summary>Users and their API keys. A key is shown once at creation and stored only as its SHA-256.</summary>
public sealed partial class UserService(IUserStore users, TimeProvider clock)
{
    public const string KeyPrefix = "strata_";
    public const int MaxNameLength = 64;

    /// <summary>The named local user, created on first use (the CLI and stdio MCP act as one).</summary>
    public async Task<User> EnsureAsync(string name, CancellationToken cancellationToken)
    {
        ValidateName(name);
        var existing = await users.FindByNameAsync(name, cancellationToken);
        if (existing is not null) return existing;
        await users.InsertAsync(new User(StrataIds.User(name), name, Plans.Free, clock.GetUtcNow(), false), null, cancellationToken);
        return (await users.FindByNameAsync(name, cancellationToken))!;
    }

    public async Task<CreatedUser> CreateAsync(string name, string? plan, CancellationToken cancellationToken)
    {
        ValidateName(name);
        plan ??= Plans.Free;
        if (!Plans.All.Contains(plan))
        {
            throw StrataException.Validation($"plan must be one of {string.Join(", ", Plans.All)} (got '{plan}').");
        }
        var user = new User(StrataIds.User(name), name, plan, clock.GetUtcNow(), true);
        var (key, newKey) = NewKey(user.Id, "created with the user");
        if (!await users.InsertAsync(user, newKey, cancellationToken))
        {
            throw new StrataException(ErrorCodes.Conflict, $"A user named '{name}' already exists.");
        }
        return new CreatedUser(user.Id, user.Name, user.Plan, key, user.CreatedAt);
    }

    public async Task<UserList> ListAsync(CancellationToken cancellationToken) =>
        new((await users.ListAsync(cancellationToken)).Select(Views.Of).ToList());

    /// <summary>The key's owner, or null. Keys are looked up by hash, so the secret itself is never compared or stored.</summary>
    public async Task<User?> AuthenticateAsync(string? apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey) || !apiKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || apiKey.Length > 200)
        {
            return null;
        }
        if (await users.FindByKeyHashAsync(HashKey(apiKey), cancellationToken) is not var (user, key)) return null;
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is not { } used || now - used >= LastUseResolution)
        {
            // At most one write per key per minute: a busy client does not turn every read into a write. The last use is
            // a courtesy: a database busy with another writer must not refuse the request it belongs to.
            try
            {
                await users.TouchKeyAsync(key.Id, now, cancellationToken);
            }
            catch (Exception busy) when (StoreBusy.Is(busy))
            {
            }
        }
        return user;
    }

    public static string HashKey(string apiKey) => Sha256Hex.Of(apiKey);

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw StrataException.Validation($"A user name must be 1 to {MaxNameLength} characters without spaces (got '{name}').");
        }
        if (name.StartsWith(TokenUserPrefix, StringComparison.Ordinal))
        {
            throw StrataException.Validation($"A user name may not start with '{TokenUserPrefix}': those names belong to users who sign in with an OAuth token.");
        }
    }
}
