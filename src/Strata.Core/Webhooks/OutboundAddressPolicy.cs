using System.Net;
using System.Net.Sockets;

namespace Strata.Core.Webhooks;

/// <summary>
/// Which addresses a webhook may reach: public unicast only. A webhook URL is chosen by a user, so without this a
/// server would send requests into its own network (SSRF): its loopback, private ranges, the cloud metadata service
/// at 169.254.169.254. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
/// </summary>
public sealed class OutboundAddressPolicy(bool allowLoopback)
{
    /// <summary>Why <paramref name="address"/> is refused, or null when it may be reached.</summary>
    public string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback ? null : "loopback";
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusalV6(address),
            _ => "not an IP address",
        };
    }

    private static string? RefusalV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified (0.0.0.0/8)",
        [10, ..] => "private (10.0.0.0/8)",
        [100, >= 64 and <= 127, ..] => "shared address space (100.64.0.0/10, CGNAT)",
        [169, 254, ..] => "link-local or cloud metadata (169.254.0.0/16)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
        [192, 0, 0, _] => "IETF protocol assignments (192.0.0.0/24)",
        [192, 168, ..] => "private (192.168.0.0/16)",
        [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
        [>= 224 and <= 239, ..] => "multicast (224.0.0.0/4)",
        [>= 240, ..] => "reserved or broadcast (240.0.0.0/4)",
        _ => null,
    };

    private static string? RefusalV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6None)) return "unspecified (::)";
        if (address.IsIPv6LinkLocal) return "link-local (fe80::/10)";
        if (address.IsIPv6SiteLocal) return "site-local (fec0::/10)";
        if (address.IsIPv6UniqueLocal) return "unique local (fc00::/7)";
        if (address.IsIPv6Multicast) return "multicast (ff00::/8)";
        var b = address.GetAddressBytes();
        // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that may be private.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0) return "IPv4-compatible (::/96)";
        if (b is [0x00, 0x64, 0xff, 0x9b, ..]) return "NAT64 (64:ff9b::/96)";
        if (b is [0x20, 0x02, ..]) return "6to4 (2002::/16)";
        return null;
    }
}
