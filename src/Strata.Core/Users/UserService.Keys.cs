using System.Security.Cryptography;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Text;

namespace Strata.Core.Users;

/// <summary>A user's API keys: any number each, labelled, revocable; the secret is shown once and stored as its hash.</summary>
public sealed partial class UserService
{
    public const int MaxLabelLength = 100;

    /// <summary>How precisely a key's last use is kept: it is written at most once per this interval.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>A new key for an existing user — also for one made implicitly by <c>--user NAME</c> or the CLI's local user.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(string name, string? label, CancellationToken cancellationToken)
    {
        label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        if (label is not null)
        {
            if (label.Length > MaxLabelLength) throw StrataException.Validation($"A key's label must be at most {MaxLabelLength} characters.");
            StorableText.Require(label, "label");
        }
        var user = await RequireUserAsync(name, cancellationToken);
        var (secret, key) = NewKey(user.Id, label);
        await users.InsertKeyAsync(key, cancellationToken);
        return new CreatedApiKey(key.Key.Id, user.Id, user.Name, key.Key.Label, secret, key.Key.CreatedAt);
    }

    public async Task<ApiKeyList> ListKeysAsync(string name, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(name, cancellationToken);
        var keys = await users.ListKeysAsync(user.Id, cancellationToken);
        return new ApiKeyList(user.Id, user.Name, keys.Select(Views.Of).ToList());
    }

    /// <summary>Revokes a key: the server refuses it from the next request on.</summary>
    public async Task<ApiKeyView> RevokeKeyAsync(string name, string keyId, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(name, cancellationToken);
        if (!await users.RevokeKeyAsync(user.Id, keyId, clock.GetUtcNow(), cancellationToken))
        {
            throw new StrataException(ErrorCodes.ApiKeyNotFound, $"User '{name}' has no API key {keyId}; list them with 'strata users keys list {name}'.");
        }
        var keys = await users.ListKeysAsync(user.Id, cancellationToken);
        return Views.Of(keys.Single(k => k.Id == keyId));
    }

    private (string Secret, NewApiKey Key) NewKey(string userId, string? label)
    {
        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var id = "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return (secret, new NewApiKey(new ApiKey(id, userId, label, clock.GetUtcNow(), null, null), HashKey(secret)));
    }

    private async Task<User> RequireUserAsync(string name, CancellationToken cancellationToken) =>
        await users.FindByNameAsync(name, cancellationToken)
        ?? throw new StrataException(ErrorCodes.UserNotFound, $"No user named '{name}'; list them with 'strata users list'.");
}
