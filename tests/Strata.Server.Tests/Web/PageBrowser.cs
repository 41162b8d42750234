using System.Net;
using System.Text.RegularExpressions;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Web;

/// <summary>A browser as the page's server sees it, minus the rendering: it keeps the session cookie by hand (so a test
/// can send it where it should not work) and follows no redirect (so a test sees each answer).</summary>
internal sealed partial class PageBrowser(RunningServer server) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseAddress };

    public string? SessionId { get; set; }

    /// <summary>The Set-Cookie header of the sign-in, as the browser received it.</summary>
    public string? SetCookie { get; private set; }

    public async Task<HttpResponseMessage> SignInAsync(string apiKey)
    {
        var response = await SendAsync(HttpMethod.Post, "/sign-in", new FormUrlEncodedContent([KeyValuePair.Create("api_key", apiKey)]));
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            SetCookie = cookies.Single();
            SessionId = CookieValue().Match(SetCookie).Groups[1].Value;
        }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public async Task<string> PageAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The CSRF token the signed-in page carries.</summary>
    public async Task<string> CsrfTokenAsync() => CsrfMeta().Match(await PageAsync("/")).Groups[1].Value;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, Action<HttpRequestMessage>? shape = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (SessionId is not null) request.Headers.Add("Cookie", $"strata_session={SessionId}");
        shape?.Invoke(request);
        return _http.SendAsync(request);
    }

    /// <summary>A GET answered as soon as its headers arrive: a stream of server-sent events is read as it comes.</summary>
    public Task<HttpResponseMessage> OpenStreamAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (SessionId is not null) request.Headers.Add("Cookie", $"strata_session={SessionId}");
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("strata_session=([^;]+)")]
    private static partial Regex CookieValue();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([0-9a-f]+)\">")]
    private static partial Regex CsrfMeta();
}
