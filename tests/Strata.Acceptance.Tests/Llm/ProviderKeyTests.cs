using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>Users' provider keys: sealed at rest, shown only as fingerprints, used for the user's calls.</summary>
public sealed class ProviderKeyTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Secret = "sk-test-THE-REAL-SECRET-0123456789";

    private static string Config(string baseUrl = "http://127.0.0.1:9/v1") =>
        """{"Llm": {"DefaultModel": "fake/small", "Providers": {"fake": {"Kind": "openai", "Models": "small, large", "BaseUrl": """ + $"\"{baseUrl}\"" + "}}}}";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_key_is_stored_sealed_listed_by_fingerprint_and_opened_only_for_its_user(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: Config());
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");

        var set = await strata.Services.ProviderKeys.SetAsync(alice, "fake", Secret + "\n", None);

        Assert.Equal(Strata.Core.Llm.ProviderKeyService.Fingerprint(Secret), set.Fingerprint);
        Assert.Equal(8, set.Fingerprint.Length);
        var listed = Assert.Single((await strata.Services.ProviderKeys.ListAsync(alice, None)).Keys);
        Assert.Equal(("fake", set.Fingerprint), (listed.Provider, listed.Fingerprint));
        Assert.Empty((await strata.Services.ProviderKeys.ListAsync(bob, None)).Keys);
        var raw = strata.Rows("SELECT provider, fingerprint, sealed_key FROM llm_provider_keys");
        var row = Assert.Single(raw);
        Assert.DoesNotContain(Secret, row);
        Assert.DoesNotContain("THE-REAL-SECRET", row);
        var models = await strata.Services.Models.ListAsync(alice, None);
        Assert.Equal(("user", set.Fingerprint), (models.Providers[0].Key, models.Providers[0].KeyFingerprint));
        Assert.Equal(["small", "large"], models.Providers[0].Models);
        Assert.Equal(Secret, (await strata.Services.Models.ChooseAsync(alice, null, null, None)).UserKey);
        Assert.Null((await strata.Services.Models.ChooseAsync(bob, null, null, None)).UserKey);

        // Her sealed key copied into Bob's row does not open for him: it is bound to her and the provider.
        strata.Execute("INSERT INTO llm_provider_keys (user_id, provider, sealed_key, fingerprint, created_at, updated_at) " +
            "SELECT @bob, provider, sealed_key, fingerprint, created_at, updated_at FROM llm_provider_keys WHERE user_id = @alice", new { bob, alice });
        var unreadable = await Assert.ThrowsAsync<StrataException>(() => strata.Services.Models.ChooseAsync(bob, null, null, None));
        Assert.Equal(ErrorCodes.LlmKeyUnreadable, unreadable.Code);
        Assert.DoesNotContain(Secret, unreadable.Message);

        var removed = await strata.Services.ProviderKeys.RemoveAsync(alice, "FAKE", None);
        Assert.Equal(set.Fingerprint, removed.Fingerprint);
        var again = await Assert.ThrowsAsync<StrataException>(() => strata.Services.ProviderKeys.RemoveAsync(alice, "fake", None));
        Assert.Equal(ErrorCodes.LlmKeyNotFound, again.Code);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_server_key_file_is_created_on_first_start_readable_by_its_owner_only()
    {
        using var strata = TestStrata.Create(Backends.Sqlite, configurationJson: Config());

        var file = Path.Combine(strata.DataDirectory, "llm-server.key");

        Assert.True(File.Exists(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(file)).Length);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_model_chain_takes_the_request_then_the_schema_then_the_user_then_the_server(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: Config());
        var alice = await strata.UserAsync("alice");
        var models = strata.Services.Models;

        Assert.Equal("fake/small (chosen by server)", (await models.ChooseAsync(alice, null, null, None)).ToString());
        await models.SetDefaultAsync(alice, "fake/large", None);
        Assert.Equal("fake/large (chosen by user)", (await models.ChooseAsync(alice, null, null, None)).ToString());
        Assert.Equal("fake/schema-model (chosen by schema)", (await models.ChooseAsync(alice, null, "fake/schema-model", None)).ToString());
        Assert.Equal("fake/asked (chosen by request)", (await models.ChooseAsync(alice, "fake/asked", "fake/schema-model", None)).ToString());
        var unknown = await Assert.ThrowsAsync<StrataException>(() => models.ChooseAsync(alice, "openai/gpt-4o", null, None));
        Assert.Equal(ErrorCodes.LlmNotConfigured, unknown.Code);
        Assert.Contains("configured: fake", unknown.Message);
        await models.SetDefaultAsync(alice, null, None);
        Assert.Equal("server", (await models.ListAsync(alice, None)).ChosenBy);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task With_no_model_configured_an_llm_choice_says_how_to_configure_one(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");

        var refused = await Assert.ThrowsAsync<StrataException>(() => strata.Services.Models.ChooseAsync(alice, null, null, None));
        var key = await Assert.ThrowsAsync<StrataException>(() => strata.Services.ProviderKeys.SetAsync(alice, "anthropic", Secret, None));

        Assert.Equal(ErrorCodes.LlmNotConfigured, refused.Code);
        Assert.Contains("STRATA_LLM__DEFAULTMODEL", refused.Message);
        Assert.Equal(ErrorCodes.LlmNotConfigured, key.Code);
        Assert.DoesNotContain(Secret, key.Message);
        Assert.Null((await strata.Services.Models.ListAsync(alice, None)).DefaultModel);
    }
}
