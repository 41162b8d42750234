namespace Strata.Core.Llm.Calls;

/// <summary>
/// The port to a language model, at the height of one call: a forced structured answer (messages and a schema in, the
/// answer with its usage, stop reason and raw text out), as <c>Microsoft.Extensions.AI</c>'s <c>IChatClient</c> is one
/// <c>GetResponseAsync</c>. Strata does not adopt <c>IChatClient</c> itself because a run keeps what that shape drops: the raw
/// body of an answer that did not parse, how tolerantly it was read, the cached-token split and every retried attempt.
/// Adapters (Strata.Llm: Anthropic Messages, OpenAI-compatible chat completions) speak one wire format each and own
/// retries, timeouts and parsing, so a caller gets either an answer or an <see cref="LlmCallException"/>.
/// </summary>
public interface IModelClient
{
    /// <summary>Sends one extraction. A 2xx answer is returned even when its JSON does not parse
    /// (<see cref="ExtractionResponse.Input"/> is null and <see cref="ExtractionResponse.ParseError"/> says why), because
    /// the tokens were spent and the raw text must be kept.</summary>
    Task<ExtractionResponse> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken);
}
