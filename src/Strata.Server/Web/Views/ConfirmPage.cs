using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>What a confirmation page asks: the question, what will happen said in words, what it shows beside (a table
/// of what will change), and the form that does it — posted to <see cref="Action"/> with the hidden fields, and a reason
/// asked for when <see cref="ReasonLabel"/> is set.</summary>
internal sealed record Confirmation(string Title, string Question, string Consequence, string Action, string Button, string Cancel)
{
    public Html Details { get; init; } = Html.Empty;

    public IReadOnlyList<(string Name, string Value)> Fields { get; init; } = [];

    public string? ReasonLabel { get; init; }
}

/// <summary>The confirmation step of every change a person makes from the page (resume an import, correct, split, merge
/// or dismiss duplicates, delete): what will happen is said before it does, and only this page's form, carrying the
/// session's CSRF token, changes anything, through the same operation REST, MCP and the CLI call.</summary>
internal static class ConfirmPage
{
    public static Html Render(WebSession session, Confirmation confirmation) => Layout.Page(confirmation.Title, session, Html.Of($"""
        <h1>{confirmation.Question}</h1>
        <p class="consequence">{confirmation.Consequence}</p>
        {confirmation.Details}
        <form class="decide" method="post" action="{confirmation.Action}">
        <input type="hidden" name="{PageEndpoint.CsrfField}" value="{session.CsrfToken}">
        {confirmation.Fields.Select(f => Html.Of($"""<input type="hidden" name="{f.Name}" value="{f.Value}">"""))}
        {(confirmation.ReasonLabel is null ? Html.Empty : Html.Of($"""
            <label for="reason">{confirmation.ReasonLabel}</label>
            <input id="reason" name="reason">
            """))}
        <button type="submit">{confirmation.Button}</button>
        <a href="{confirmation.Cancel}">Cancel</a>
        </form>
        """));
}
