using System.Net.Http.Headers;
using System.Text;

namespace Strata.Llm.Calls;

/// <summary>A JSON POST to an OpenAI-compatible endpoint, with the key (when there is one) as a bearer token. Built anew for
/// each attempt: a request message cannot be sent twice.</summary>
internal static class JsonPost
{
    public static HttpRequestMessage To(Uri url, string body, ApiKey? bearer)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer.Reveal());
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return message;
    }
}
