using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>
/// Provenance: a block's value shown in its source, the block's exact characters highlighted in the original text
/// (get_source_content around the block's text_offset_range), with the run that produced the value.
/// </summary>
internal static class SourcePage
{
    /// <summary>Characters of context shown before and after the highlighted block.</summary>
    public const int Context = 2_000;

    public static Html Render(WebSession session, BlockValueView value, BlockView block, DocumentView document, BlockRunView run,
        SourceContentView? content, long start, long end) => Layout.Page($"Source of block {block.Index}", session, Html.Of($"""
        <h1>Block {block.Index} of {document.Name}</h1>
        <dl class="facts">
        <dt>State</dt><dd><span class="state {value.State}">{value.State}</span></dd>
        <dt>Value</dt><dd><code>{value.Value?.GetRawText() ?? "none"}</code></dd>
        <dt>Run</dt><dd>{run.RunId}: block schema {run.SchemaRef} v{run.SchemaVersion}, {run.Status}</dd>
        <dt>Characters</dt><dd>{(content is null ? "not located in the original" : $"{start}–{end} of {content.TotalLength}")}</dd>
        </dl>
        <p><a href="/runs/{run.RunId}">Back to the review</a></p>
        <h2>In the original</h2>
        {(content is null ? Html.Of($"<pre class=\"source\">{block.Content}</pre>") : Original(content, start, end))}
        """));

    /// <summary>The window of text with <paramref name="start"/>..<paramref name="end"/> (source offsets) marked.</summary>
    public static Html Original(SourceContentView content, long start, long end)
    {
        var text = content.Text;
        int At(long offset) => (int)Math.Clamp(offset - content.Offset, 0, text.Length);
        var (from, to) = (At(start), At(end));
        return Html.Of($"""<pre class="source">{text[..from]}<mark id="highlight">{text[from..to]}</mark>{text[to..]}</pre>""");
    }
}
