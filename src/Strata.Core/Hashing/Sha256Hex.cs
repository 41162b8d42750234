using System.Security.Cryptography;
using System.Text;

namespace Strata.Core.Hashing;

/// <summary>Lower-case hex SHA-256, the one hash Strata uses for content and ids.</summary>
public static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    /// <summary>Hash of several parts joined unambiguously (each part length-prefixed): the UTF-8 of
    /// <c>{length}:{part}|</c> for each part, a null part written as <c>"\0null"</c>. Ids are derived this way for every
    /// record written, so the text is encoded straight into one buffer rather than built as a string first.</summary>
    public static string OfParts(params string?[] parts)
    {
        var size = 0;
        foreach (var part in parts)
        {
            size += 12 + Encoding.UTF8.GetMaxByteCount((part ?? NullPart).Length);
        }
        var rented = size > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(size) : null;
        var buffer = rented is null ? stackalloc byte[1024] : rented;
        try
        {
            var written = 0;
            foreach (var part in parts)
            {
                var value = part ?? NullPart;
                value.Length.TryFormat(buffer[written..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
                written += digits;
                buffer[written++] = (byte)':';
                written += Encoding.UTF8.GetBytes(value, buffer[written..]);
                buffer[written++] = (byte)'|';
            }
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private const string NullPart = "\u0000null";
}
