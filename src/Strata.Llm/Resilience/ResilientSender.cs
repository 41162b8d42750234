using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;

namespace Strata.Llm.Resilience;

/// <summary>Sends one model call with retries. 429, 5xx, 408, timeouts and connection failures are retried with
/// backoff (or the server's <c>retry-after</c>); 401/403 stop at once; other 4xx stop at once. Each attempt has
/// its own timeout; the caller's token cancels everything, including a wait between attempts.</summary>
public sealed partial class ResilientSender(HttpClient http, RetryOptions options, TimeProvider time, Random random, ILogger logger)
{
    public async Task<HttpAnswer> SendAsync(Func<HttpRequestMessage> buildRequest, CancellationToken cancellationToken)
    {
        var retries = new List<RetryRecord>();
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, failure) = await AttemptAsync(buildRequest, retries, cancellationToken).ConfigureAwait(false);
            if (outcome is not null) return outcome;
            var last = attempt >= options.MaxAttempts;
            var delay = failure!.RetryAfter ?? Backoff.Delay(attempt, options, random);
            if (!last && failure.RetryAfter > options.MaxRetryAfter) last = true;
            if (last) throw failure.ToException(attempt, retries);
            retries.Add(new RetryRecord(attempt, failure.Reason, delay, failure.RetryAfter is not null));
            LogRetry(logger, failure.Reason, attempt, delay);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(HttpAnswer?, RetryableFailure?)> AttemptAsync(
        Func<HttpRequestMessage> buildRequest, List<RetryRecord> retries, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.CallTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = buildRequest();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return (new HttpAnswer(body, Stopwatch.GetElapsedTime(started), retries.ToArray()), null);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new LlmCallException(LlmFailureKind.Auth,
                    $"The provider refused the key ({status}). Check the key with `strata keys list` and set it again with `strata keys set`.",
                    status, body, retries.ToArray());
            }
            if (status is 408 or 429 || status >= 500)
            {
                var kind = status == 429 ? LlmFailureKind.RateLimited : LlmFailureKind.Server;
                return (null, new RetryableFailure(kind, status.ToString(System.Globalization.CultureInfo.InvariantCulture), status, body,
                    RetryAfter.From(response.Headers.RetryAfter, time.GetUtcNow())));
            }
            throw new LlmCallException(LlmFailureKind.Rejected, $"The provider rejected the request ({status}).", status, body, retries.ToArray());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            return (null, new RetryableFailure(LlmFailureKind.Timeout, "timeout", null, null, null));
        }
        catch (HttpRequestException e)
        {
            return (null, new RetryableFailure(LlmFailureKind.Network, "network", null, e.Message, null));
        }
    }

    private sealed record RetryableFailure(LlmFailureKind Kind, string Reason, int? Status, string? Body, TimeSpan? RetryAfter)
    {
        public LlmCallException ToException(int attempts, List<RetryRecord> retries) => new(Kind,
            Kind switch
            {
                LlmFailureKind.RateLimited => $"The provider kept answering 429 (rate limited) after {attempts} attempts.",
                LlmFailureKind.Server => $"The provider kept failing ({Reason}) after {attempts} attempts.",
                LlmFailureKind.Timeout => $"The call timed out on each of {attempts} attempts.",
                _ => $"The provider could not be reached after {attempts} attempts ({Body}).",
            },
            Status, Body, retries.ToArray());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call failed ({Reason}) on attempt {Attempt}; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string reason, int attempt, TimeSpan delay);
}
