using Strata.Core.Users;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="IApiKeyStore"/>: several keys per user, found by hash until revoked, and
/// never another user's to list or revoke.</summary>
public abstract class ApiKeyCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    private NewApiKey Key(string id, string user, string hash, string? label = null) =>
        new(new ApiKey(id, user, label, Clock.GetUtcNow(), null, null), hash);

    [Fact]
    public async Task AUserHasSeveralKeysEachFoundByItsHashUntilRevoked()
    {
        var alice = await UserAsync("alice");
        await Store.Users.InsertKeyAsync(Key("key_a1", alice, "hash-a1", "laptop"), None);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.Users.InsertKeyAsync(Key("key_a2", alice, "hash-a2"), None);

        var found = await Store.Users.FindByKeyHashAsync("hash-a1", None);
        Assert.Equal(("usr_alice", "key_a1", "laptop"), (found!.Value.User.Id, found.Value.Key.Id, found.Value.Key.Label));
        Assert.True(found.Value.User.HasApiKey);
        Assert.Equal(["key_a1", "key_a2"], (await Store.Users.ListKeysAsync(alice, None)).Select(k => k.Id));

        Assert.True(await Store.Users.RevokeKeyAsync(alice, "key_a1", Clock.GetUtcNow(), None));

        Assert.Null(await Store.Users.FindByKeyHashAsync("hash-a1", None));
        Assert.NotNull(await Store.Users.FindByKeyHashAsync("hash-a2", None));
        var revoked = (await Store.Users.ListKeysAsync(alice, None)).Single(k => k.Id == "key_a1");
        Assert.Equal(Clock.GetUtcNow(), revoked.RevokedAt);
    }

    [Fact]
    public async Task AKeyRecordsItsLastUseAndAUserWithOnlyRevokedKeysHasNone()
    {
        var alice = await UserAsync("alice");
        await Store.Users.InsertKeyAsync(Key("key_a1", alice, "hash-a1"), None);
        Assert.Null((await Store.Users.ListKeysAsync(alice, None)).Single().LastUsedAt);

        Clock.Advance(TimeSpan.FromMinutes(5));
        await Store.Users.TouchKeyAsync("key_a1", Clock.GetUtcNow(), None);
        Assert.Equal(Clock.GetUtcNow(), (await Store.Users.FindByKeyHashAsync("hash-a1", None))!.Value.Key.LastUsedAt);

        await Store.Users.RevokeKeyAsync(alice, "key_a1", Clock.GetUtcNow(), None);
        Assert.False((await Store.Users.FindByNameAsync("alice", None))!.HasApiKey);
    }

    [Fact]
    public async Task AnotherUsersKeyCannotBeRevokedOrListed()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await Store.Users.InsertKeyAsync(Key("key_a1", alice, "hash-a1"), None);

        Assert.False(await Store.Users.RevokeKeyAsync(bob, "key_a1", Clock.GetUtcNow(), None));
        Assert.False(await Store.Users.RevokeKeyAsync(alice, "key_missing", Clock.GetUtcNow(), None));
        Assert.Empty(await Store.Users.ListKeysAsync(bob, None));
        Assert.NotNull(await Store.Users.FindByKeyHashAsync("hash-a1", None));
    }

    [Fact]
    public async Task AUserInsertedWithAFirstKeyGetsBothOrNeither()
    {
        var carol = new User("usr_carol", "carol", Plans.Free, Clock.GetUtcNow(), true);
        Assert.True(await Store.Users.InsertAsync(carol, Key("key_c1", carol.Id, "hash-c1"), None));
        Assert.False(await Store.Users.InsertAsync(carol with { Plan = Plans.Pro }, Key("key_c2", carol.Id, "hash-c2"), None));

        Assert.Equal(["key_c1"], (await Store.Users.ListKeysAsync(carol.Id, None)).Select(k => k.Id));
        Assert.Null(await Store.Users.FindByKeyHashAsync("hash-c2", None));
    }
}
