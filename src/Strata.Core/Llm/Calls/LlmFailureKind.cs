namespace Strata.Core.Llm.Calls;

/// <summary>Why a call produced no answer at all (after its retries).</summary>
public enum LlmFailureKind
{
    /// <summary>401/403: the key is wrong or lacks access. Never retried; the run fails at once.</summary>
    Auth,

    /// <summary>429 on every attempt.</summary>
    RateLimited,

    /// <summary>5xx on every attempt.</summary>
    Server,

    /// <summary>The per-call timeout elapsed on every attempt.</summary>
    Timeout,

    /// <summary>The connection failed on every attempt.</summary>
    Network,

    /// <summary>Another 4xx (a bad model name, a schema the server refuses): retrying would not help.</summary>
    Rejected,

    /// <summary>A 2xx whose body is not the wire format at all (not JSON, or no content).</summary>
    MalformedResponse,
}
