using System.Net;
using System.Net.Sockets;
using System.Text;
using Strata.Core.Errors;

namespace Strata.Core.Webhooks;

/// <summary>
/// Sends one signed delivery. The address check happens where the connection is made (the handler's
/// <see cref="SocketsHttpHandler.ConnectCallback"/>): the host is resolved there, every address it resolves to is
/// checked, and the socket connects to the address that was checked — so a name that resolved to a public address
/// when the webhook was added and to 10.0.0.1 now is refused, and no second lookup can differ from the one checked.
/// Redirects are not followed (a 3xx is a failed attempt), an attempt has a timeout, and at most a small cap of the
/// answer is read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly OutboundAddressPolicy _policy;
    private readonly WebhookOptions _options;

    public WebhookSender(WebhookOptions options)
    {
        _options = options;
        _policy = new OutboundAddressPolicy(options.AllowLoopback);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectCheckedAsync,
        };
        _client = new HttpClient(handler) { Timeout = options.Timeout };
    }

    public OutboundAddressPolicy Policy => _policy;

    /// <summary>Resolves <paramref name="host"/> and refuses it (<c>WEBHOOK_ADDRESS_REFUSED</c>) unless every address is allowed.</summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException failure)
        {
            throw new StrataException(ErrorCodes.WebhookAddressRefused, $"The webhook host '{host}' does not resolve ({failure.SocketErrorCode}).");
        }
        if (addresses.Length == 0) throw new StrataException(ErrorCodes.WebhookAddressRefused, $"The webhook host '{host}' resolves to no address.");
        foreach (var address in addresses)
        {
            if (_policy.Refusal(address) is { } why)
            {
                throw new StrataException(ErrorCodes.WebhookAddressRefused,
                    $"The webhook host '{host}' resolves to {address}, a {why} address; webhooks reach public addresses only.");
            }
        }
        return addresses;
    }

    /// <summary>Posts the body; returns the status code and, for an answer other than 2xx, the start of its body.</summary>
    public async Task<WebhookAttempt> SendAsync(Uri url, string deliveryId, string timestamp, string signature, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, deliveryId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, signature);
        request.Headers.UserAgent.ParseAdd("Strata-Webhooks/1");
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new WebhookAttempt(code, null);
            return new WebhookAttempt(code, $"HTTP {code}: {await ReadCappedAsync(response, cancellationToken)}");
        }
        catch (HttpRequestException failure) when (failure.InnerException is StrataException refused)
        {
            return new WebhookAttempt(null, refused.Message);
        }
        catch (HttpRequestException failure)
        {
            return new WebhookAttempt(null, failure.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, $"No answer within {_options.Timeout.TotalSeconds:0} s.");
        }
    }

    private async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[_options.MaxResponseBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0) read += n;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private async ValueTask<Stream> ConnectCheckedAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAllowedAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>One attempt's outcome: the status code when the receiver answered, and why it failed when it did.</summary>
public sealed record WebhookAttempt(int? StatusCode, string? Error)
{
    public bool Delivered => Error is null;
}
