using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Mcp;

/// <summary>An agent, over the MCP SDK's HTTP client, reads a source page by page and submits its own interpretation:
/// the run it makes is traceable like any run, down to the characters of each value.</summary>
public abstract class AgentInterpretationMcpTests
{
    private const string Note = "# Kick-off 😀\n\nGrace Hopper (grace@example.com) leads the compiler work.\n";

    protected abstract Backend Backend { get; }

    [Fact]
    public async Task An_agent_reads_a_source_submits_entities_with_evidence_and_the_values_trace_to_their_characters()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        await using var agent = await McpConnections.OverHttpAsync(server, key);
        var ingest = (await agent.CallAsync("ingest", $$"""{"content_base64":"{{Samples.Base64(Note)}}","filename":"kickoff.md","interpret":false}""")).Structured();
        var source = ingest.GetProperty("source_id").GetString()!;

        var first = (await agent.CallAsync("get_source_content", $$"""{"source_id":"{{source}}","length":20}""")).Structured();
        var rest = (await agent.CallAsync("get_source_content", $$"""{"source_id":"{{source}}","offset":{{first.GetProperty("next_offset").GetInt64()}}}""")).Structured();
        Assert.Equal(Note, first.GetProperty("text").GetString() + rest.GetProperty("text").GetString());
        Assert.Equal(Note.Length, rest.GetProperty("total_length").GetInt64());

        var submitted = (await agent.CallAsync("submit_interpretation", $$$"""
            {"source_id":"{{{source}}}","interpreter":"test-agent","model":"agent-model-1",
             "entities":[{"entity_type":"contact","name":"Grace Hopper","email":"grace@example.com",
                          "evidence":{"name":"Grace Hopper","email":"grace@example.com"}}]}
            """)).Structured();
        var entity = submitted.GetProperty("entities")[0].GetProperty("entity_id").GetString()!;
        var email = submitted.GetProperty("evidence")[1];
        var start = email.GetProperty("start").GetInt32();
        Assert.True(email.GetProperty("evidence_found").GetBoolean());
        Assert.Equal("grace@example.com", Note.Substring(start, email.GetProperty("length").GetInt32()));

        var provenance = (await agent.CallAsync("get_field_provenance", $$"""{"entity_id":"{{entity}}","field":"email"}""")).Structured();
        var run = provenance.GetProperty("run");
        Assert.Equal(submitted.GetProperty("run_id").GetString(), run.GetProperty("run_id").GetString());
        Assert.Equal("agent", run.GetProperty("interpreter").GetString());
        Assert.Equal("test-agent", run.GetProperty("config").GetProperty("agent").GetString());
        Assert.Equal("agent-model-1", run.GetProperty("config").GetProperty("model").GetString());
        Assert.Equal(source, provenance.GetProperty("source").GetProperty("source_id").GetString());
        Assert.Contains($"email=chars:{start}-{start + "grace@example.com".Length}", provenance.GetProperty("observation").GetProperty("locator").GetString());
        var runs = (await agent.CallAsync("list_runs", $$"""{"source_id":"{{source}}","include_total":true}""")).Structured();
        Assert.Equal(1, runs.GetProperty("total").GetInt32());
    }
}

public sealed class AgentInterpretationMcpTestsOnSqlite : AgentInterpretationMcpTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class AgentInterpretationMcpTestsOnPostgres : AgentInterpretationMcpTests
{
    protected override Backend Backend => Backend.Postgres;
}
