using System.Net;
using Strata.Core.Errors;
using Strata.Core.Webhooks;

namespace Strata.Core.Tests.Webhooks;

public sealed class OutboundAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:a00:1::1")]
    public void By_default_a_non_public_address_is_refused(string address)
    {
        Assert.NotNull(new OutboundAddressPolicy(allowLoopback: false).Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("172.15.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void A_public_address_is_allowed(string address)
    {
        Assert.Null(new OutboundAddressPolicy(allowLoopback: false).Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("192.168.0.1", false)]
    public void The_test_only_loopback_setting_allows_the_loopback_and_nothing_else(string address, bool allowed)
    {
        Assert.Equal(allowed, new OutboundAddressPolicy(allowLoopback: true).Refusal(IPAddress.Parse(address)) is null);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("169.254.169.254")]
    public async Task A_host_that_resolves_to_a_refused_address_is_refused_with_its_code(string host)
    {
        using var sender = new WebhookSender(new WebhookOptions());

        var refused = await Assert.ThrowsAsync<StrataException>(() => sender.ResolveAllowedAsync(host, CancellationToken.None));

        Assert.Equal(ErrorCodes.WebhookAddressRefused, refused.Code);
    }

    [Fact]
    public async Task A_delivery_to_a_refused_address_fails_at_connection_time_without_sending()
    {
        using var sender = new WebhookSender(new WebhookOptions());

        var attempt = await sender.SendAsync(new Uri("http://127.0.0.1:9/hook"), "whd_x", "0", "v1=00", "{}", CancellationToken.None);

        Assert.False(attempt.Delivered);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("loopback", attempt.Error, StringComparison.Ordinal);
    }
}
