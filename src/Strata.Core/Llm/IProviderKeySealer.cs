namespace Strata.Core.Llm;

/// <summary>Encrypts provider keys at rest under the server key, bound to their user and provider (AES-GCM; the
/// implementation is <c>Strata.Llm.Keys.ProviderKeyCipher</c>). Opening a key sealed for another user or provider, or
/// under another server key, fails with <c>LLM_KEY_UNREADABLE</c>.</summary>
public interface IProviderKeySealer
{
    byte[] Seal(string userId, string provider, string key);

    string Open(string userId, string provider, byte[] sealedKey);
}
