namespace Strata.Server.Web.Views;

/// <summary>The page shown without a session: one field for an API key. The key is checked once and never kept.</summary>
internal static class SignInPage
{
    public static Html Render(string? error) => Layout.Page("Sign in", null, Html.Of($"""
        <section class="sign-in">
        <h1>Sign in</h1>
        <p>Sign in with one of your API keys (create one with <code>strata users keys create NAME</code>). The page keeps a
        session, not the key; revoking the key ends the session.</p>
        {(error is null ? Html.Empty : Html.Of($"""<p class="error" role="alert">{error}</p>"""))}
        <form method="post" action="/sign-in">
        <label for="api-key">API key</label>
        <input id="api-key" name="api_key" type="password" autocomplete="off" required autofocus>
        <button type="submit">Sign in</button>
        </form>
        </section>
        """));
}
