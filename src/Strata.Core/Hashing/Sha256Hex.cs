using System.Security.Cryptography;
using System.Text;

namespace Strata.Core.Hashing;

/// <summary>Lower-case hex SHA-256, the one hash Strata uses for content and ids.</summary>
public static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    /// <summary>Hash of several parts joined unambiguously (each part length-prefixed).</summary>
    public static string OfParts(params string?[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            var value = part ?? "\u0000null";
            builder.Append(value.Length).Append(':').Append(value).Append('|');
        }
        return Of(builder.ToString());
    }
}
