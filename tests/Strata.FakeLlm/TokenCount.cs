namespace Strata.FakeLlm;

/// <summary>Roughly four characters per token, as real tokenizers average on English text; enough for usage
/// numbers that grow with the prompt like a provider's do.</summary>
internal static class TokenCount
{
    public static long Of(string text) => text.Length == 0 ? 0 : (text.Length + 3) / 4;
}
