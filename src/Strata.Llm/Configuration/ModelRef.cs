namespace Strata.Llm.Configuration;

/// <summary>A model on a provider, written <c>provider/model</c>. Only the first slash separates them, since model
/// names have slashes of their own (<c>vllm/meta-llama/Llama-3.1-8B-Instruct</c>).</summary>
public sealed record ModelRef(string Provider, string Model)
{
    public static ModelRef? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1) return null;
        return new ModelRef(text[..slash].Trim(), text[(slash + 1)..].Trim());
    }

    public override string ToString() => $"{Provider}/{Model}";
}
