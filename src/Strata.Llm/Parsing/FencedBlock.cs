namespace Strata.Llm.Parsing;

/// <summary>Finds the one Markdown code fence in a model's answer. Two fences are ambiguous and not accepted.</summary>
internal static class FencedBlock
{
    private const string Fence = "```";

    public static bool TryFind(string text, out string content)
    {
        content = "";
        var open = text.IndexOf(Fence, StringComparison.Ordinal);
        if (open < 0) return false;
        var lineEnd = text.IndexOf('\n', open);
        if (lineEnd < 0) return false;
        var info = text.AsSpan(open + Fence.Length, lineEnd - open - Fence.Length).Trim();
        // Only a json fence or a bare one: a ```python block holding a dict is not an answer.
        if (info.Length > 0 && !info.Equals("json", StringComparison.OrdinalIgnoreCase)) return false;
        var close = text.IndexOf(Fence, lineEnd + 1, StringComparison.Ordinal);
        if (close < 0) return false;
        if (text.IndexOf(Fence, close + Fence.Length, StringComparison.Ordinal) >= 0) return false;
        content = text[(lineEnd + 1)..close];
        return true;
    }
}
