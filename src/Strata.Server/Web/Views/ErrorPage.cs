using Strata.Core.Errors;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>A refused page: the same stable code and message REST answers (another user's id reads as a missing one).</summary>
internal static class ErrorPage
{
    public static Html Render(WebSession session, StrataException failure) => Layout.Page("Not available", session, Html.Of($"""
        <section class="problem">
        <h1>Not available</h1>
        <p role="alert"><code>{failure.Code}</code> {failure.Message}</p>
        <p><a href="/">Back to your projects</a></p>
        </section>
        """));
}
