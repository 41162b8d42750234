using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Users;
using Strata.Server.Http;
using Strata.Server.Operations;
using Strata.Server.Rest;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// The three kinds of page endpoint, each opening the session from its cookie first: an HTML page (no session: to the
/// sign-in page), a JSON call of the page's script, and a form post. Writes (JSON or form) must carry the session's
/// CSRF token and must not come from another site; the cookie is SameSite=Strict as well, so a forged post fails twice.
/// </summary>
internal static class PageEndpoint
{
    public const string CsrfHeader = "X-CSRF-Token";
    public const string CsrfField = "csrf";

    public static RequestDelegate Page(Func<PageRequest, Task<Html>> render) => async context =>
    {
        if (await OpenAsync(context) is not { } page)
        {
            SeeOther(context, "/");
            return;
        }
        Html body;
        try
        {
            body = await render(page);
        }
        catch (StrataException failure)
        {
            context.Response.StatusCode = ErrorStatus.For(failure.Code);
            body = ErrorPage.Render(page.Session, failure);
        }
        await WriteHtmlAsync(context, body);
    };

    public static RequestDelegate Json(Func<PageRequest, Task<OperationResult>> call, bool write) => async context =>
    {
        if (await OpenAsync(context) is not { } page)
        {
            await Problems.WriteAsync(context, ErrorCodes.Unauthorized, "Your session has ended: sign in again.");
            return;
        }
        if (write && !await CsrfPassesAsync(page, form: false))
        {
            await RefuseAsync(context);
            return;
        }
        await ResultWriter.WriteAsync(context, await call(page), StatusCodes.Status200OK);
    };

    /// <summary>A read whose handler writes its own answer (a stream of server-sent events).</summary>
    public static RequestDelegate Stream(Func<PageRequest, Task> handle) => async context =>
    {
        if (await OpenAsync(context) is not { } page)
        {
            await Problems.WriteAsync(context, ErrorCodes.Unauthorized, "Your session has ended: sign in again.");
            return;
        }
        await handle(page);
    };

    /// <summary>A write whose handler writes its own answer (the multipart upload, shared with REST).</summary>
    public static RequestDelegate Upload(Func<PageRequest, Task> handle) => async context =>
    {
        if (await OpenAsync(context) is not { } page)
        {
            await Problems.WriteAsync(context, ErrorCodes.Unauthorized, "Your session has ended: sign in again.");
            return;
        }
        if (!await CsrfPassesAsync(page, form: false))
        {
            await RefuseAsync(context);
            return;
        }
        await handle(page);
    };

    /// <summary>A form post; the handler answers where to go next (a redirect after the post).</summary>
    public static RequestDelegate Form(Func<PageRequest, Task<string>> handle) => async context =>
    {
        if (await OpenAsync(context) is not { } page)
        {
            SeeOther(context, "/");
            return;
        }
        if (!await CsrfPassesAsync(page, form: true))
        {
            await RefuseAsync(context);
            return;
        }
        string next;
        try
        {
            next = await handle(page);
        }
        catch (StrataException failure)
        {
            // The same code and message REST answers, on a page (another user's id reads as a missing one).
            context.Response.StatusCode = ErrorStatus.For(failure.Code);
            await WriteHtmlAsync(context, ErrorPage.Render(page.Session, failure));
            return;
        }
        SeeOther(context, next);
    };

    /// <summary>
    /// A form posted as multipart/form-data and read as it streams (a file upload), never buffered whole. The session's
    /// CSRF token must be the form's first part and is checked before any other byte is read; the handler then reads the
    /// rest and answers where to go next. A refusal (the handler's, a malformed body, Kestrel's body limit as
    /// <c>FILE_TOO_LARGE</c>) is shown by <paramref name="refused"/> with its status, never as a 500.
    /// </summary>
    public static RequestDelegate StreamedForm(Func<PageRequest, MultipartForm, Task<string>> handle,
        Func<PageRequest, StrataException, Task<Html>> refused) => async context =>
    {
        if (await OpenAsync(context) is not { } page)
        {
            SeeOther(context, "/");
            return;
        }
        if (!FromThisSite(context))
        {
            await RefuseAsync(context);
            return;
        }
        var ct = context.RequestAborted;
        string next;
        try
        {
            var form = MultipartForm.Open(context.Request, "Send the form as multipart/form-data, the page's token first.");
            if (await form.NextAsync(ct) is not { Name: CsrfField, FileName: null } first
                || !TokensEqual(await first.ReadTextAsync(MaxTokenChars, ct), page.Session.CsrfToken))
            {
                await RefuseAsync(context);
                return;
            }
            next = await handle(page, form);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RefusedAsync(context, page, refused, new StrataException(ErrorCodes.FileTooLarge,
                $"The upload is larger than the limit of {Core.Sources.Spool.FormatBytes(page.Services.Options.MaxUploadBytes)} per file."));
            return;
        }
        catch (StrataException failure)
        {
            await RefusedAsync(context, page, refused, failure);
            return;
        }
        SeeOther(context, next);
    };

    /// <summary>A token is 64 hex characters; a longer field is not a token.</summary>
    private const int MaxTokenChars = 256;

    private static async Task RefusedAsync(HttpContext context, PageRequest page, Func<PageRequest, StrataException, Task<Html>> render,
        StrataException failure)
    {
        var body = await render(page, failure);
        context.Response.StatusCode = ErrorStatus.For(failure.Code);
        await WriteHtmlAsync(context, body);
    }

    /// <summary>303: after a post the browser GETs the next page (a reload does not post again).</summary>
    public static void SeeOther(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = location;
    }

    public static async Task WriteHtmlAsync(HttpContext context, Html body)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(body.ToString(), Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>Whether the request came from this site: a browser's Sec-Fetch-Site, else its Origin, must name it.</summary>
    public static bool FromThisSite(HttpContext context)
    {
        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    public static Task RefuseAsync(HttpContext context) =>
        Problems.WriteAsync(context, ErrorCodes.CsrfRefused,
            "This change was refused: it did not carry the page's token or came from another site. Reload the page and try again.");

    private static async Task<PageRequest?> OpenAsync(HttpContext context)
    {
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var session = await services.Users.FindSessionAsync(SessionCookie.Read(context), context.RequestAborted);
        return session is null ? null : new PageRequest(context, session, services);
    }

    private static async Task<bool> CsrfPassesAsync(PageRequest page, bool form)
    {
        if (!FromThisSite(page.Http)) return false;
        var sent = page.Http.Request.Headers[CsrfHeader].ToString();
        if (sent.Length == 0 && form && page.Http.Request.HasFormContentType)
        {
            sent = (await page.Http.Request.ReadFormAsync(page.Http.RequestAborted))[CsrfField].ToString();
        }
        return TokensEqual(sent, page.Session.CsrfToken);
    }

    private static bool TokensEqual(string sent, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
}
