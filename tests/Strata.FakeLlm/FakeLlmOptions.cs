namespace Strata.FakeLlm;

/// <summary>How the fake behaves apart from its script.</summary>
public sealed record FakeLlmOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Added to every reply, as a provider's time to answer.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>When set, requests without this key (<c>x-api-key</c> or <c>Authorization: Bearer</c>) get 401.</summary>
    public string? RequiredApiKey { get; init; }

    /// <summary>Keep every request for assertions; a benchmark turns it off so memory stays flat.</summary>
    public bool RecordRequests { get; init; } = true;
}
