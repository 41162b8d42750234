using System.Security.Cryptography;
using System.Text;

namespace Strata.Llm.Calls;

/// <summary>A provider key in memory. <see cref="ToString"/> shows only its fingerprint, so a key that slips into
/// a log line, an exception or a debugger display shows nothing usable.</summary>
public sealed class ApiKey
{
    private readonly string _value;

    public ApiKey(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
        Fingerprint = FingerprintOf(value);
    }

    /// <summary>The first 8 hex digits of the key's SHA-256: enough to tell keys apart, useless to an attacker.</summary>
    public string Fingerprint { get; }

    public string Reveal() => _value;

    public override string ToString() => $"key {Fingerprint}";

    public static string FingerprintOf(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
}
