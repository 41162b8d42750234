namespace Strata.Core.Extraction.Packing;

/// <summary>Limits on one call's pack. The output cap keeps the expected answer under the model's
/// <c>max_tokens</c> with room to spare; a pack that still overflows is split by the executor.</summary>
public sealed record PackCaps(int MaxItems, int MaxInputTokens, int MaxOutputTokens)
{
    public static readonly PackCaps Default = new(MaxItems: 8, MaxInputTokens: 6_000, MaxOutputTokens: 3_000);
}
