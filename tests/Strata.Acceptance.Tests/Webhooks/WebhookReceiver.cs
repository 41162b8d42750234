using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Strata.Acceptance.Tests.Webhooks;

/// <summary>A real HTTP receiver on 127.0.0.1 (HttpListener): records every request it gets and answers each with the
/// status <see cref="Answer"/> gives (200 unless told otherwise).</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public WebhookReceiver()
    {
        // The probed port can be taken by another test before Start binds it: try a fresh one a few times.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                try
                {
                    _listener.Close(); // unregistering looks the taken port up again and can fail the same way
                }
                catch (HttpListenerException)
                {
                }
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Func<Received, int> Answer { get; set; } = _ => 200;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var received = new Received(context.Request.Url!.AbsolutePath, await reader.ReadToEndAsync(),
                context.Request.Headers["Strata-Webhook-Id"], context.Request.Headers["Strata-Timestamp"], context.Request.Headers["Strata-Signature"]);
            Requests.Enqueue(received);
            context.Response.StatusCode = Answer(received);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        // Close alone: on Unix the managed HttpListener's Stop and Close each unregister the prefix, and the second
        // unregistration binds the port again to look it up, which fails when another test took the freed port.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }
    }

    public sealed record Received(string Path, string Body, string? Id, string? Timestamp, string? Signature);
}
