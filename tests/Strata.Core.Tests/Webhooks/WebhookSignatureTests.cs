using System.Security.Cryptography;
using System.Text;
using Strata.Core.Webhooks;

namespace Strata.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_timestamp_dot_body_under_the_secret()
    {
        var body = """{"id":"whd_1","type":"run.completed"}""";
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData("whsec_k"u8.ToArray(), Encoding.UTF8.GetBytes("1700000000." + body)));

        Assert.Equal(expected, WebhookSignature.Sign("whsec_k", "1700000000", body));
    }

    [Fact]
    public void A_receiver_accepts_a_fresh_signed_body_and_refuses_a_changed_body_another_secret_or_an_old_timestamp()
    {
        var timestamp = WebhookSignature.Timestamp(Now);
        var signature = WebhookSignature.Sign("whsec_k", timestamp, "{}");
        var window = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.Verify("whsec_k", timestamp, "{}", signature, Now.AddMinutes(4), window));
        Assert.False(WebhookSignature.Verify("whsec_k", timestamp, "{ }", signature, Now, window));
        Assert.False(WebhookSignature.Verify("whsec_other", timestamp, "{}", signature, Now, window));
        Assert.False(WebhookSignature.Verify("whsec_k", timestamp, "{}", signature, Now.AddMinutes(6), window));
        Assert.False(WebhookSignature.Verify("whsec_k", "not-a-time", "{}", signature, Now, window));
    }
}
