using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>The frame of every page: the stylesheet and script from /assets (nothing inline, see the CSP), the CSRF
/// token for the script's writes, the navigation and the sign-out form.</summary>
internal static class Layout
{
    public static Html Page(string title, WebSession? session, Html main) => Html.Of($"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · Strata</title>
        <link rel="stylesheet" href="{WebAssets.Prefix}/strata.css">
        <link rel="icon" href="{WebAssets.Prefix}/icon.svg" type="image/svg+xml">
        {(session is null ? Html.Empty : Html.Of($"""<meta name="csrf-token" content="{session.CsrfToken}">"""))}
        <script type="module" src="{WebAssets.Prefix}/page.js"></script>
        </head>
        <body>
        <header class="bar">
        <a class="brand" href="/">Strata</a>
        {(session is null ? Html.Empty : Navigation(session))}
        </header>
        <main id="main">
        {main}
        </main>
        </body>
        </html>
        """);

    private static Html Navigation(WebSession session) => Html.Of($"""
        <nav aria-label="Main"><a href="/">Projects</a> <a href="/dashboard">Dashboard</a> <a href="/entities">Entities</a> <a href="/duplicates">Duplicates</a>
        <a href="/imports">Imports</a> <a href="/memory">Memory</a> <a href="/interpretations">Runs</a></nav>
        <form class="sign-out" method="post" action="/sign-out">
        <input type="hidden" name="{PageEndpoint.CsrfField}" value="{session.CsrfToken}">
        <span class="who">{session.User.Name}</span>
        <button type="submit">Sign out</button>
        </form>
        """);
}
