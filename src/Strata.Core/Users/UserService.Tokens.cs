using Strata.Core.Errors;
using Strata.Core.Hashing;

namespace Strata.Core.Users;

/// <summary>Users who arrive with an OAuth access token: one per issuer and subject, created on first use.</summary>
public sealed partial class UserService
{
    /// <summary>Names of token users start with this; a key or local user may not take such a name, so no token can become
    /// a key user by name, and the issuer's hash in the name keeps two issuers' users with one subject apart.</summary>
    public const string TokenUserPrefix = "oauth:";

    /// <summary>The user a token from <paramref name="issuer"/> names as <paramref name="subject"/>, created on first use.
    /// Its id is derived from issuer and subject in its own domain, never from a name, so it cannot meet a key user's id;
    /// two first requests at once both end at the one row (the insert that loses finds the winner's).</summary>
    public async Task<User> EnsureTokenUserAsync(string issuer, string subject, CancellationToken cancellationToken)
    {
        var id = "usr_" + Sha256Hex.OfParts("oauth-user", issuer, subject)[..24];
        var name = TokenUserPrefix + Sha256Hex.OfParts("oauth-issuer", issuer)[..8] + ":" + subject;
        var existing = await users.FindByNameAsync(name, cancellationToken);
        if (existing is null)
        {
            await users.InsertAsync(new User(id, name, Plans.Free, clock.GetUtcNow(), false), null, cancellationToken);
            existing = await users.FindByNameAsync(name, cancellationToken);
        }
        // A name made before token users existed cannot be one: refuse rather than act as it.
        return existing is not null && existing.Id == id
            ? existing
            : throw new StrataException(ErrorCodes.Unauthorized, $"The user name '{name}' is held by a user who is not this token's; rename that user.");
    }
}
