using Strata.Core.Llm;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;

namespace Strata.Llm.Keys;

/// <summary>The core's key sealer over <see cref="ProviderKeyCipher"/>.</summary>
public sealed class ProviderKeySealer(ProviderKeyCipher cipher) : IProviderKeySealer
{
    public byte[] Seal(string userId, string provider, string key) => cipher.Encrypt(userId, provider, new ApiKey(key));

    public string Open(string userId, string provider, byte[] sealedKey) => cipher.Decrypt(userId, provider, sealedKey).Reveal();
}
