namespace Strata.Llm.Calls;

/// <summary>Joins a configured base URL and a path. <c>new Uri(base, path)</c> drops the base's last segment
/// when it lacks a trailing slash (<c>…/v1</c> + <c>chat/completions</c> → <c>…/chat/completions</c>); people
/// write base URLs both ways.</summary>
internal static class Endpoint
{
    public static Uri Join(Uri baseUrl, string path)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + path : text + "/" + path);
    }
}
