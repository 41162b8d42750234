using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>Runs take their model from the priority chain and call with the user's own stored key when they set one;
/// the run's config says which link chose the model and whose key was used (its fingerprint, never the key).</summary>
public sealed class LlmModelAndKeyTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string AliceKey = "sk-alice-OWN-KEY-0123456789";

    /// <summary>The provider as strata.json names it, so keys and defaults can be set for it; the runs use the same
    /// provider through <see cref="FakeProvider"/> (whose server-wide key the fake refuses).</summary>
    private static string Config(FakeLlmServer server, string format)
    {
        var baseUrl = format == FakeProvider.Anthropic ? server.BaseUrl : server.OpenAiBaseUrl;
        return "{\"Llm\": {\"DefaultModel\": \"fake/" + FakeProvider.Model + "\", \"Providers\": {\"fake\": {\"Kind\": \"" + format
            + "\", \"BaseUrl\": \"" + baseUrl + "\"}}}}";
    }

    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task A_run_calls_with_the_users_own_key_and_the_model_the_chain_chose(string backend, string format)
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { RequiredApiKey = AliceKey });
        using var strata = TestStrata.Create(backend, configurationJson: Config(server, format), llm: FakeProvider.Runs(server, format));
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        var key = await strata.Services.ProviderKeys.SetAsync(alice, "fake", AliceKey, None);
        await strata.Services.Models.SetDefaultAsync(alice, "fake/alice-default", None);

        var byUser = await IngestAsync(strata, alice, "First note.");
        var byRequest = await IngestAsync(strata, alice, "Second note.", model: "fake/asked-for");
        await strata.Services.Schemas.RegisterAsync(alice, JsonDocument.Parse("""
            {"entity_type": "memo", "fields": {"title": {"type": "string"}}, "canonical_name": ["title"], "prompt": {"model": "fake/memo-model"}}
            """).RootElement, None);
        var bySchema = await IngestAsync(strata, alice, "Third note.", type: "memo");

        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.True(r.Header("x-api-key") == AliceKey || r.Header("authorization") == "Bearer " + AliceKey,
            "every call of Alice's runs carries her own key"));
        Assert.Equal(["alice-default", "asked-for", "memo-model"], requests.Select(r => r.Json["model"]!.GetValue<string>()).Order());
        foreach (var (run, model, chosenBy) in new[] { (byUser, "alice-default", "user"), (byRequest, "asked-for", "request"), (bySchema, "memo-model", "schema") })
        {
            Assert.Equal(RunStatuses.Completed, run.Status);
            var config = run.Config;
            Assert.Equal((model, chosenBy, "user", key.Fingerprint),
                (config.GetProperty("model").GetString(), config.GetProperty("model_chosen_by").GetString(),
                 config.GetProperty("key").GetString(), config.GetProperty("key_fingerprint").GetString()));
            Assert.DoesNotContain("OWN-KEY", config.GetRawText());
        }

        // Bob stored no key: his run uses the server's, which this provider refuses, and says so.
        var failed = await Assert.ThrowsAsync<StrataException>(() => IngestAsync(strata, bob, "Bob's note."));
        Assert.Equal(ErrorCodes.LlmAuthFailed, failed.Code);
        var bobs = Assert.Single((await strata.Services.Sources.ListRunsAsync(bob, null, new Paging(10), None)).Runs);
        Assert.Equal(RunStatuses.Failed, bobs.Status);
        Assert.Equal(("server", FakeProvider.Model, "server"),
            (bobs.Config.GetProperty("key").GetString(), bobs.Config.GetProperty("model").GetString(), bobs.Config.GetProperty("model_chosen_by").GetString()));
        var refused = server.Requests.Last();
        Assert.True(refused.Header("x-api-key") == "test-key" || refused.Header("authorization") == "Bearer test-key");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_schema_naming_a_model_that_is_not_provider_slash_model_is_refused(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");

        var refused = await Assert.ThrowsAsync<StrataException>(() => strata.Services.Schemas.RegisterAsync(alice, JsonDocument.Parse("""
            {"entity_type": "memo", "fields": {"title": {"type": "string"}}, "canonical_name": ["title"], "prompt": {"model": "just-a-name"}}
            """).RootElement, None));

        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Contains("prompt.model", refused.Message);
    }

    private static async Task<Core.Operations.RunView> IngestAsync(TestStrata strata, string user, string text, string? model = null, string? type = null)
    {
        var result = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(text)), "note.txt", EntityType: type) { Llm = true, Model = model }, None);
        return await strata.Services.Sources.GetRunAsync(user, result.Interpretation.RunId!, None);
    }
}
