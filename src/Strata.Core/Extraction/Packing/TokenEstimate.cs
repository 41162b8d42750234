namespace Strata.Core.Extraction.Packing;

/// <summary>About four characters per token, what common tokenizers average on English prose. No tokenizer
/// package restores here, and packs only need a bound, not an exact count: the caps leave room for the error.</summary>
public static class TokenEstimate
{
    public const int CharactersPerToken = 4;

    public static int Of(int characters) => characters <= 0 ? 0 : (characters + CharactersPerToken - 1) / CharactersPerToken;

    public static int Of(string text) => Of(text.Length);
}
