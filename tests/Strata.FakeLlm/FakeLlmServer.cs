using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Strata.FakeLlm;

/// <summary>A fake model provider on 127.0.0.1 speaking both wire formats: <c>POST /v1/messages</c> (Anthropic)
/// and <c>POST /v1/chat/completions</c> (OpenAI-compatible). Replies follow <see cref="Script"/>; every request
/// is recorded. Used in-process by tests and as a runnable by benchmarks.</summary>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeLlmOptions _options;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly AnthropicFormat _anthropic = new();
    private readonly OpenAiFormat _openAi = new();

    private FakeLlmServer(FakeLlmOptions options)
    {
        _options = options;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        _app = builder.Build();
        _app.MapPost("/v1/messages", context => HandleAsync(() => AnswerAsync(context, anthropic: true)));
        _app.MapPost("/v1/chat/completions", context => HandleAsync(() => AnswerAsync(context, anthropic: false)));
        _app.MapPost("/v1/embeddings", context => HandleAsync(() => EmbedAsync(context)));
    }

    public FakeScript Script { get; } = new();

    /// <summary>The Anthropic base URL (the client appends <c>v1/messages</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The OpenAI-compatible base URL, with its <c>/v1</c>, as local servers document theirs.</summary>
    public Uri OpenAiBaseUrl => new(BaseUrl, "v1");

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The most requests this server was answering at one moment: what a bound on concurrent calls is checked against.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests being answered now.</summary>
    public int RequestsInFlight => Volatile.Read(ref _inFlight);

    private TaskCompletionSource? _gate;

    /// <summary>From now on every request, once counted in flight and recorded, waits until <see cref="Release"/>: a test sees how
    /// many calls a bound lets in at once by the calls themselves, not by how long they happened to take.</summary>
    public void Hold() => Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets the held requests, and every later one, through.</summary>
    public void Release() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    public static async Task<FakeLlmServer> StartAsync(FakeLlmOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeLlmServer(options ?? new FakeLlmOptions());
        await server._app.StartAsync(cancellationToken).ConfigureAwait(false);
        server.BaseUrl = new Uri(server._app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    private async Task HandleAsync(Func<Task> answer)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var seen = Volatile.Read(ref _maxInFlight); now > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, now, seen) == seen) break;
        }
        try
        {
            await answer();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context, bool anthropic)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (_options.RecordRequests) _requests.Enqueue(Record(context.Request, body));
        if (Volatile.Read(ref _gate) is { } gate) await gate.Task.WaitAsync(context.RequestAborted);
        if (_options.Latency > TimeSpan.Zero) await Task.Delay(_options.Latency, context.RequestAborted);
        if (!KeyAccepted(context.Request))
        {
            await WriteAsync(context, 401, anthropic ? AnthropicFormat.Error(401) : OpenAiFormat.Error(401));
            return;
        }
        var json = JsonNode.Parse(body) ?? new JsonObject();
        var prompt = anthropic ? FakePrompt.FromAnthropic(json) : FakePrompt.FromOpenAi(json);
        var reply = Script.Next(prompt.All);
        if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, context.RequestAborted);
        switch (reply)
        {
            case StatusReply status:
                if (status.RetryAfter is not null) context.Response.Headers["retry-after"] = status.RetryAfter;
                await WriteAsync(context, status.StatusCode, anthropic ? AnthropicFormat.Error(status.StatusCode) : OpenAiFormat.Error(status.StatusCode));
                break;
            case RawBodyReply raw:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(raw.Body, context.RequestAborted);
                break;
            default:
                var cacheControl = json["system"]?.AsArray().Any(b => b?["cache_control"] is not null) == true;
                await WriteAsync(context, 200, anthropic ? _anthropic.Answer(prompt, reply, cacheControl) : _openAi.Answer(prompt, reply));
                break;
        }
    }

    /// <summary>OpenAI-compatible embeddings: <see cref="FakeEmbeddings"/> of each input (no script: they are deterministic).</summary>
    private async Task EmbedAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (_options.RecordRequests) _requests.Enqueue(Record(context.Request, body));
        if (Volatile.Read(ref _gate) is { } gate) await gate.Task.WaitAsync(context.RequestAborted);
        if (!KeyAccepted(context.Request))
        {
            await WriteAsync(context, 401, OpenAiFormat.Error(401));
            return;
        }
        await WriteAsync(context, 200, FakeEmbeddings.Answer(JsonNode.Parse(body) ?? new JsonObject()));
    }

    private bool KeyAccepted(HttpRequest request)
    {
        if (_options.RequiredApiKey is not { } key) return true;
        return request.Headers["x-api-key"] == key || request.Headers.Authorization == $"Bearer {key}";
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static RecordedRequest Record(HttpRequest request, string body) => new(
        request.Path.Value ?? "",
        request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
        body);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
