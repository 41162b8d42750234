using System.Security.Cryptography;
using System.Text;
using Strata.Core.Configuration;
using Strata.Core.Errors;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Keys;

namespace Strata.Llm.Tests.Keys;

public sealed class KeysAtRestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("strata-llm-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_key_file_is_created_on_first_start_readable_by_its_owner_only_and_reused()
    {
        var path = Path.Combine(_directory, "data", "llm-server.key");

        var first = ServerKey.Load(null, path);
        var second = ServerKey.Load(null, path);

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Processes_starting_together_end_with_one_key()
    {
        // Many rounds: CI once saw two starters install different keys, a race a single round rarely shows.
        for (var round = 0; round < 50; round++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_directory, $"round-{round}")).FullName;
            var path = Path.Combine(folder, "llm-server.key");
            using var start = new Barrier(8);
            var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return ServerKey.Load(null, path);
            })));
            Assert.All(keys, k => Assert.Equal(keys[0], k));
            Assert.Equal(keys[0], ServerKey.Load(null, path));
            Assert.Single(Directory.GetFiles(folder));
        }
    }

    [Fact]
    public void A_configured_key_wins_and_a_bad_one_says_how_to_make_one()
    {
        var configured = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(configured, ServerKey.Load(Convert.ToBase64String(configured), Path.Combine(_directory, "unused.key")));
        Assert.False(File.Exists(Path.Combine(_directory, "unused.key")));

        var error = Assert.Throws<StrataConfigurationException>(() => ServerKey.Load("c2hvcnQ=", Path.Combine(_directory, "x.key")));
        Assert.Contains("openssl rand -base64 32", error.Message);
    }

    [Fact]
    public void A_key_round_trips_and_its_ciphertext_does_not_contain_it()
    {
        var cipher = new ProviderKeyCipher(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey("sk-ant-api03-very-secret");

        var stored = cipher.Encrypt("user-1", "anthropic", key);

        Assert.DoesNotContain("very-secret", Encoding.UTF8.GetString(stored));
        Assert.Equal("sk-ant-api03-very-secret", cipher.Decrypt("user-1", "anthropic", stored).Reveal());
        Assert.NotEqual(stored, cipher.Encrypt("user-1", "anthropic", key));
    }

    [Theory]
    [InlineData("user-2", "anthropic")]
    [InlineData("user-1", "openai")]
    public void A_ciphertext_moved_to_another_user_or_provider_does_not_decrypt(string user, string provider)
    {
        var cipher = new ProviderKeyCipher(RandomNumberGenerator.GetBytes(32));
        var stored = cipher.Encrypt("user-1", "anthropic", new ApiKey("sk-secret"));

        var error = Assert.Throws<StrataException>(() => cipher.Decrypt(user, provider, stored));
        Assert.Equal(LlmErrorCodes.KeyUnreadable, error.Code);
        Assert.DoesNotContain("sk-secret", error.Message);
    }

    [Fact]
    public void Another_server_key_cannot_read_a_stored_key()
    {
        var stored = new ProviderKeyCipher(RandomNumberGenerator.GetBytes(32)).Encrypt("u", "anthropic", new ApiKey("sk-secret"));
        Assert.Throws<StrataException>(() => new ProviderKeyCipher(RandomNumberGenerator.GetBytes(32)).Decrypt("u", "anthropic", stored));
    }

    [Fact]
    public void A_key_shows_only_its_fingerprint_when_printed()
    {
        var key = new ApiKey("sk-ant-api03-very-secret");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sk-ant-api03-very-secret")))[..8];

        Assert.Equal(expected, key.Fingerprint);
        Assert.Equal($"key {expected}", key.ToString());
        Assert.DoesNotContain("secret", $"{key}");
    }
}
