using Strata.Core.Operations;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>
/// Where a chat fact was said: its message in its conversation (a conversation is a document of message blocks), the
/// message's characters the fact's quote was found at highlighted, the messages around it, and the run that extracted it.
/// </summary>
internal static class MessagePage
{
    /// <summary>Messages shown before and after the one quoted.</summary>
    public const int Around = 3;

    public static Html Render(WebSession session, BlockView message, DocumentView conversation, IReadOnlyList<BlockView> nearby,
        int start, int length, string? runId) => Layout.Page($"Message {message.Index} of {conversation.Name}", session, Html.Of($"""
        <h1>{Title(message, conversation)} <span class="muted">message {message.Index}</span></h1>
        <dl class="facts">
        <dt>Conversation</dt><dd>{Title(message, conversation)} (document {conversation.DocumentId}, source <a href="/sources/{conversation.SourceId}">{conversation.SourceId}</a>)</dd>
        <dt>Characters</dt><dd>{(length > 0 ? $"{start}–{start + length} of the message's {message.Content.Length}" : "the quote was not found in one message")}</dd>
        {(runId is null ? Html.Empty : Html.Of($"""<dt>Extracted by</dt><dd><a class="run" href="/interpretations/{runId}">run {runId}</a></dd>"""))}
        </dl>
        <ol class="conversation" aria-label="Messages of the conversation">{nearby.Select(m => m.Index == message.Index ? Quoted(m, start, length) : Other(m))}</ol>
        """));

    private static string Title(BlockView message, DocumentView conversation) => message.HeadingPath.Count > 0 ? message.HeadingPath[0] : conversation.Name;

    private static Html Other(BlockView m) => Html.Of($"""
        <li value="{m.Index}" class="message"><span class="role">{Role(m)}</span><pre class="source">{m.Content}</pre></li>
        """);

    private static Html Quoted(BlockView m, int start, int length)
    {
        var (from, to) = (Math.Clamp(start, 0, m.Content.Length), Math.Clamp(start + length, 0, m.Content.Length));
        return Html.Of($"""
            <li value="{m.Index}" class="message quoted" id="message"><span class="role">{Role(m)}</span><pre class="source">{m.Content[..from]}<mark id="highlight">{m.Content[from..to]}</mark>{m.Content[to..]}</pre></li>
            """);
    }

    private static string Role(BlockView m) =>
        $"{(m.Attributes?.TryGetValue("role", out var role) == true ? role : m.Type)}{(m.Attributes?.TryGetValue("time", out var time) == true ? $", {time}" : "")}";
}
