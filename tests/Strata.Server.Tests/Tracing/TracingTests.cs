using System.Diagnostics;
using System.Net;
using System.Text;
using Strata.FakeLlm;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Tracing;

/// <summary>One request followed through its trace: the HTTP call, the job it queued (carried across the database to the
/// worker), and the model call the worker made — with the model, tokens and cost, and none of the user's text or keys.</summary>
public abstract class TracingTests
{
    private const string ProviderKey = "sk-fake-provider-7c1e";

    /// <summary>Only ever in the query string and the body: no span may carry it.</summary>
    private const string QueryMarker = "private-diary-2024";

    private const string Note = "# Weekly sync\n\nAda Lovelace (ada@example.com) will send the report.\n";

    protected abstract Backend Backend { get; }

    /// <summary>A server with LLM runs through the fake model, its spans collected.</summary>
    private Task<RunningServer> StartTracedAsync(FakeLlmServer llm, CollectedSpans spans) =>
        RunningServer.StartAsync(backend: Backend, llmRuns: true, tracing: spans.Options, settings: FakeModelSettings.For(llm, ProviderKey));

    [Fact]
    public async Task One_ingest_with_an_LLM_run_is_one_trace_from_the_HTTP_request_through_the_worker_to_the_model_call()
    {
        await using var llm = await FakeLlmServer.StartAsync();
        var spans = new CollectedSpans();
        await using var server = await StartTracedAsync(llm, spans);
        var apiKey = await server.CreateUserAsync("alice");
        using var client = server.Client(apiKey);

        var ingest = await (await client.PostAsync($"/v1/sources?filename={QueryMarker}.md&llm=true&wait=false",
            new ByteArrayContent(Encoding.UTF8.GetBytes(Note)))).JsonAsync(HttpStatusCode.Created);
        var sourceId = ingest.GetProperty("source_id").GetString();
        await Eventually.CompletedRunAsync(async () => await (await client.GetAsync($"/v1/runs?source_id={sourceId}")).JsonAsync(),
            ingest.GetProperty("interpretation").GetProperty("run_id").GetString()!);

        // Spans of other servers in this test process reach every listener too: this server's request is the one on its port.
        var request = await spans.WaitForAsync(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.request.method") as string == "POST"
            && s.GetTagItem("url.path") as string == "/v1/sources" && s.GetTagItem("server.port") is int port && port == server.BaseAddress.Port,
            "the POST /v1/sources request");
        var model = await spans.WaitForAsync(s => s.Source.Name == "Strata" && s.Kind == ActivityKind.Client && s.TraceId == request.TraceId,
            "the model call, in the request's trace");
        var job = await spans.WaitForAsync(s => s.Source.Name == "Strata" && s.Kind == ActivityKind.Consumer && s.TraceId == request.TraceId, "the job");

        Assert.Equal(request.SpanId, job.ParentSpanId);
        Assert.Equal(job.SpanId, ParentChainOf(model, spans.All).Last(s => s.Kind == ActivityKind.Consumer).SpanId);
        Assert.NotEqual(request.SpanId, model.ParentSpanId);
        Assert.Equal("claude-sonnet-4-5", model.GetTagItem("gen_ai.request.model"));
        Assert.True((long)model.GetTagItem("gen_ai.usage.input_tokens")! > 0);
        Assert.True((long)model.GetTagItem("gen_ai.usage.output_tokens")! > 0);
        Assert.True((double)model.GetTagItem("strata.llm.cost_usd")! > 0);

        foreach (var span in spans.All)
        {
            foreach (var (name, value) in span.TagObjects)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                Assert.False(text.Contains(QueryMarker, StringComparison.Ordinal), $"{span.DisplayName} {name} carries the query string: {text}");
                Assert.False(text.Contains(apiKey, StringComparison.Ordinal) || text.Contains(ProviderKey, StringComparison.Ordinal), $"{span.DisplayName} {name} carries a key");
                Assert.False(text.Contains("Lovelace", StringComparison.Ordinal), $"{span.DisplayName} {name} carries the user's text");
            }
        }
    }

    [Fact]
    public async Task An_MCP_tool_call_that_queues_work_is_the_parent_of_the_job_and_its_model_call()
    {
        await using var llm = await FakeLlmServer.StartAsync();
        var spans = new CollectedSpans();
        await using var server = await StartTracedAsync(llm, spans);
        var apiKey = await server.CreateUserAsync("alice");
        await using var mcp = await McpConnections.OverHttpAsync(server, apiKey);

        var ingest = (await mcp.CallAsync("ingest", $$"""{"content_base64":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(Note))}}","filename":"note.md","llm":true,"wait":false}""")).Structured();
        var runId = ingest.GetProperty("interpretation").GetProperty("run_id").GetString()!;

        var job = await spans.WaitForAsync(s => s.Source.Name == "Strata" && s.Kind == ActivityKind.Consumer
            && spans.All.Any(r => r.SpanId == s.ParentSpanId && r.Kind == ActivityKind.Server && r.GetTagItem("url.path") as string == "/mcp"
                && r.GetTagItem("server.port") is int port && port == server.BaseAddress.Port), "a job whose parent is a POST /mcp request");
        var model = await spans.WaitForAsync(s => s.Source.Name == "Strata" && s.Kind == ActivityKind.Client && s.TraceId == job.TraceId, "the model call, in that trace");
        Assert.Contains(ParentChainOf(model, spans.All), s => s.SpanId == job.SpanId);
        Assert.False(string.IsNullOrEmpty(runId));
    }

    /// <summary>The spans from <paramref name="span"/> up to its trace's root, nearest first.</summary>
    private static List<Activity> ParentChainOf(Activity span, IReadOnlyList<Activity> all)
    {
        var chain = new List<Activity>();
        for (var current = span; current is not null; current = all.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            chain.Add(current);
        }
        return chain;
    }
}

public sealed class TracingTestsOnSqlite : TracingTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class TracingTestsOnPostgres : TracingTests
{
    protected override Backend Backend => Backend.Postgres;
}
