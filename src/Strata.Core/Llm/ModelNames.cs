namespace Strata.Core.Llm;

/// <summary>Model names as <c>provider/model</c>. Only the first slash separates them, since model names have
/// slashes of their own (<c>vllm/meta-llama/Llama-3.1-8B-Instruct</c>).</summary>
public static class ModelNames
{
    public static (string Provider, string Model)? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1) return null;
        return (text[..slash].Trim(), text[(slash + 1)..].Trim());
    }

    /// <summary>The priority chain itself: the first model named wins, and which link named it.</summary>
    public static (string Model, string ChosenBy)? First(string? request, string? schema, string? user, string? server) =>
        !string.IsNullOrWhiteSpace(request) ? (request, "request")
        : !string.IsNullOrWhiteSpace(schema) ? (schema, "schema")
        : !string.IsNullOrWhiteSpace(user) ? (user, "user")
        : !string.IsNullOrWhiteSpace(server) ? (server, "server")
        : null;
}
