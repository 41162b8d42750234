using Strata.FakeLlm;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Resilience;
using Strata.Llm.Tests.Support;

namespace Strata.Llm.Tests.Resilience;

public sealed class RetryTests
{
    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_storm_of_429s_and_500s_is_ridden_out(string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Status(429), times: 2).Reply(FakeReply.Status(500), times: 1).Reply(FakeReply.Status(503), times: 1);

        var answer = await Clients.Of(format, server).ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.True(answer.Parsed);
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal(["429", "429", "500", "503"], answer.Retries.Select(r => r.Reason));
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task Retry_after_in_seconds_is_honoured(string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Status(429, retryAfter: "7"), times: 1);
        var time = new ScaledTimeProvider();

        var answer = await Clients.Of(format, server, time: time).ExtractAsync(Requests.Extract(), CancellationToken.None);

        var retry = Assert.Single(answer.Retries);
        Assert.True(retry.FromRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.Delay);
        Assert.Contains(TimeSpan.FromSeconds(7), time.Requested);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_waits_until_that_date()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Status(503, retryAfter: DateTimeOffset.UtcNow.AddSeconds(30).ToString("r")), times: 1);

        var answer = await Clients.Anthropic(server, time: new ScaledTimeProvider()).ExtractAsync(Requests.Extract(), CancellationToken.None);

        var retry = Assert.Single(answer.Retries);
        Assert.True(retry.FromRetryAfter);
        Assert.InRange(retry.Delay, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("anthropic", 401)]
    [InlineData("openai", 401)]
    [InlineData("anthropic", 403)]
    public async Task A_refused_key_fails_at_once_without_retrying(string format, int status)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Status(status));

        var error = await Assert.ThrowsAsync<LlmCallException>(() => Clients.Of(format, server).ExtractAsync(Requests.Extract(), CancellationToken.None));

        Assert.Equal(LlmErrorCodes.AuthFailed, error.Code);
        Assert.Equal(status, error.StatusCode);
        Assert.Single(server.Requests);
        Assert.DoesNotContain("test-key", error.Message);
    }

    [Fact]
    public async Task A_wrong_key_against_a_server_that_checks_keys_is_an_auth_failure()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { RequiredApiKey = "right" });

        var error = await Assert.ThrowsAsync<LlmCallException>(() => Clients.Anthropic(server, "wrong").ExtractAsync(Requests.Extract(), CancellationToken.None));

        Assert.Equal(LlmFailureKind.Auth, error.Kind);
        Assert.Contains("authentication_error", error.RawText);
    }

    [Fact]
    public async Task When_every_attempt_fails_the_error_keeps_the_last_body_and_each_retry()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Status(500));
        var retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) };

        var error = await Assert.ThrowsAsync<LlmCallException>(() => Clients.OpenAi(server, retry: retry).ExtractAsync(Requests.Extract(), CancellationToken.None));

        Assert.Equal(LlmFailureKind.Server, error.Kind);
        Assert.Equal(LlmErrorCodes.CallFailed, error.Code);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, error.Retries.Count);
        Assert.Contains("fake error 500", error.RawText);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_is_retried()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Json("""{"name":"slow"}""") with { Delay = TimeSpan.FromMinutes(5) }, times: 1)
            .Reply(FakeReply.Json("""{"name":"fast"}"""));
        // The timeout must hold the slow answer and let the fast one through: 8 s, because on a loaded CI machine a
        // fast answer once took over the 2 s this used to allow and was counted as a second timeout.
        var retry = new RetryOptions { CallTimeout = TimeSpan.FromSeconds(8), BaseDelay = TimeSpan.FromMilliseconds(1) };

        var answer = await Clients.Anthropic(server, retry: retry).ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.Equal("fast", answer.Input!.Value.GetProperty("name").GetString());
        Assert.Equal("timeout", Assert.Single(answer.Retries).Reason);
    }

    [Fact]
    public async Task Cancelling_stops_a_call_in_flight()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { Latency = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource();

        var call = Clients.Anthropic(server).ExtractAsync(Requests.Extract(), cancel.Token);
        // Cancelled once the server holds the request, so the cancellation meets a call in flight (a fixed delay could
        // fire before the request left, on a loaded machine). Without it the call would answer after 30 s, not throw.
        for (var waited = 0; server.Requests.Count == 0 && waited < 2000; waited++) await Task.Delay(10);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_between_attempts()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Status(429, retryAfter: "120"));
        using var cancel = new CancellationTokenSource();

        var call = Clients.Anthropic(server).ExtractAsync(Requests.Extract(), cancel.Token);
        // Cancelled once the first attempt reached the server: the call is then waiting the 120 s the 429 asked for.
        for (var waited = 0; server.Requests.Count == 0 && waited < 2000; waited++) await Task.Delay(10);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_200_that_is_not_the_wire_format_keeps_its_body()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.RawBody("<html>proxy error</html>"));

        var error = await Assert.ThrowsAsync<LlmCallException>(() => Clients.Anthropic(server).ExtractAsync(Requests.Extract(), CancellationToken.None));

        Assert.Equal(LlmFailureKind.MalformedResponse, error.Kind);
        Assert.Equal("<html>proxy error</html>", error.RawText);
    }
}
