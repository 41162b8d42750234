namespace Strata.Core.Llm.Calls;

/// <summary>Why the model stopped, across wire formats.</summary>
public enum StopReason
{
    /// <summary>It finished (Anthropic <c>tool_use</c>/<c>end_turn</c>, OpenAI <c>stop</c>).</summary>
    Completed,

    /// <summary>It hit the output token cap (Anthropic <c>max_tokens</c>, OpenAI <c>length</c>): the answer is cut.</summary>
    MaxTokens,

    /// <summary>Anything else the server said (a refusal, a content filter, an unknown value).</summary>
    Other,
}
