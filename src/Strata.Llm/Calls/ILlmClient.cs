namespace Strata.Llm.Calls;

/// <summary>The one port for language models: a forced structured extraction. Adapters speak one wire format
/// each (Anthropic Messages, OpenAI-compatible chat completions) and own retries, timeouts and parsing, so a
/// caller gets either an answer with its usage and raw text, or an <see cref="LlmCallException"/>.</summary>
public interface ILlmClient
{
    /// <summary>Sends one extraction. A 2xx answer is returned even when its JSON does not parse
    /// (<see cref="ExtractionResponse.Input"/> is null and <see cref="ExtractionResponse.ParseError"/> says why), because
    /// the tokens were spent and the raw text must be kept.</summary>
    Task<ExtractionResponse> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken);
}
