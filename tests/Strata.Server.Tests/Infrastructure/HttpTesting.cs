using System.Net;
using System.Text;
using System.Text.Json;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>Small conveniences for reading what the REST API answers.</summary>
public static class HttpTesting
{
    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return Samples.Json(body);
    }

    /// <summary>Asserts a problem+json answer with this status and returns its stable code.</summary>
    public static async Task<string> ProblemCodeAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Samples.Json(body);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem.GetProperty("code").GetString()!;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string content, string query) =>
        client.PostAsync($"/v1/sources?{query}", new ByteArrayContent(Encoding.UTF8.GetBytes(content)));
}
