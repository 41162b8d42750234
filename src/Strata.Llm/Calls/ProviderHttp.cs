namespace Strata.Llm.Calls;

/// <summary>One HTTP client for every provider call of the process (models and embedders): connections are pooled and
/// recycled so DNS changes are seen; each attempt's timeout is the sender's (<c>Llm:Retry:CallTimeout</c>), not the client's.</summary>
internal static class ProviderHttp
{
    public static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
