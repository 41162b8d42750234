using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Strata.Core.Webhooks;

/// <summary>The signature a receiver checks (docs/webhooks.md): <c>v1=</c> and the hex HMAC-SHA256, under the
/// webhook's secret, of <c>{timestamp}.{body}</c>, the timestamp being the Unix seconds sent in <c>Strata-Timestamp</c>.
/// Signing the timestamp with the body lets a receiver refuse a replayed request by its age.</summary>
public static class WebhookSignature
{
    public const string IdHeader = "Strata-Webhook-Id";
    public const string TimestampHeader = "Strata-Timestamp";
    public const string SignatureHeader = "Strata-Signature";

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Sign(string secret, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: the signature matches (compared in constant time) and the timestamp is within
    /// <paramref name="window"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string timestamp, string body, string signature, DateTimeOffset now, TimeSpan window)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > window) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
