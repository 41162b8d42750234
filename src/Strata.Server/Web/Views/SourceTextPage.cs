using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>A source's text (get_source_content), with a range of characters highlighted: where a value's evidence was
/// found. Only the window around the range is read, so a large source stays a small page.</summary>
internal static class SourceTextPage
{
    public static Html Render(WebSession session, SourceView source, SourceContentView content, long start, long end) =>
        Layout.Page($"Source {source.OriginalFilename ?? source.SourceId}", session, Html.Of($"""
        <h1>{source.OriginalFilename ?? source.SourceId}</h1>
        <dl class="facts">
        <dt>Source</dt><dd>{source.SourceId} ({source.MimeType}, {source.ByteSize} bytes)</dd>
        <dt>Characters</dt><dd>{(end > start ? $"{start}–{end} of {content.TotalLength}" : $"{content.Offset}–{content.Offset + content.Text.Length} of {content.TotalLength}")}</dd>
        </dl>
        {Text(content, start, end)}
        """));

    private static Html Text(SourceContentView content, long start, long end) =>
        end > start ? SourcePage.Original(content, start, end) : Html.Of($"""<pre class="source">{content.Text}</pre>""");
}
