namespace Strata.Core.Llm.Calls;

/// <summary>Tokens of one call. <see cref="Input"/> excludes cached tokens on both wire formats (OpenAI's
/// <c>prompt_tokens</c> includes <c>cached_tokens</c>, so the adapter subtracts them), so cost is a plain sum.</summary>
public sealed record TokenUsage(long Input, long Output, long CacheRead, long CacheWrite)
{
    public static readonly TokenUsage Zero = new(0, 0, 0, 0);

    public long Total => Input + Output + CacheRead + CacheWrite;

    public TokenUsage Add(TokenUsage other) =>
        new(Input + other.Input, Output + other.Output, CacheRead + other.CacheRead, CacheWrite + other.CacheWrite);
}
