using System.Security.Cryptography;
using System.Text;
using Strata.Core.Errors;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;

namespace Strata.Llm.Keys;

/// <summary>Encrypts users' provider keys at rest with AES-GCM under the server key. The user id and provider
/// are bound as associated data, so a ciphertext copied to another user's or provider's row does not decrypt.
/// Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext.</summary>
public sealed class ProviderKeyCipher(byte[] serverKey)
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public byte[] Encrypt(string userId, string provider, ApiKey key)
    {
        var plain = Encoding.UTF8.GetBytes(key.Reveal());
        var sealedKey = new byte[1 + NonceSize + TagSize + plain.Length];
        sealedKey[0] = Version;
        var nonce = sealedKey.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(serverKey, TagSize);
        aes.Encrypt(nonce, plain, sealedKey.AsSpan(1 + NonceSize + TagSize), sealedKey.AsSpan(1 + NonceSize, TagSize), Context(userId, provider));
        CryptographicOperations.ZeroMemory(plain);
        return sealedKey;
    }

    public ApiKey Decrypt(string userId, string provider, byte[] sealedKey)
    {
        if (sealedKey.Length <= 1 + NonceSize + TagSize || sealedKey[0] != Version) throw Unreadable(provider);
        var plain = new byte[sealedKey.Length - 1 - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(serverKey, TagSize);
            aes.Decrypt(sealedKey.AsSpan(1, NonceSize), sealedKey.AsSpan(1 + NonceSize + TagSize), sealedKey.AsSpan(1 + NonceSize, TagSize), plain, Context(userId, provider));
            return new ApiKey(Encoding.UTF8.GetString(plain));
        }
        catch (CryptographicException)
        {
            throw Unreadable(provider);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] Context(string userId, string provider) => Encoding.UTF8.GetBytes($"strata-llm-key:v1:{userId}:{provider}");

    private static StrataException Unreadable(string provider) => new(LlmErrorCodes.KeyUnreadable,
        $"The stored key for provider '{provider}' cannot be decrypted with this server's key (was the server key changed?). Set it again with `strata keys set {provider}`.");
}
