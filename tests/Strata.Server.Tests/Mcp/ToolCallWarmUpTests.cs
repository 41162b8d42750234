using System.Text.Json;
using Strata.Core.Operations;
using Strata.Server.Mcp;

namespace Strata.Server.Tests.Mcp;

/// <summary>The MCP half of <c>strata mcp</c>'s write warm-up: a real <c>ingest_structured</c> request read and an
/// answer written, with no client and nothing stored.</summary>
public sealed class ToolCallWarmUpTests
{
    [Fact]
    public void The_warm_up_writes_the_answer_a_client_would_get_for_the_result_it_was_given()
    {
        var sample = new StoreResult("src_1", "run_1",
            [new StoredEntity("ent_1", "contact", "obs_1", StoreActions.Created), new StoredEntity("ent_2", "contact", "obs_2", StoreActions.Updated)], 0);

        using var answer = JsonDocument.Parse(ToolCallWarmUp.Run(sample));

        var root = answer.RootElement;
        Assert.Equal("2.0", root.GetProperty("jsonrpc").GetString());
        Assert.Equal(1, root.GetProperty("id").GetInt32());
        var result = root.GetProperty("result");
        var structured = result.GetProperty("structuredContent");
        Assert.Equal("run_1", structured.GetProperty("run_id").GetString());
        Assert.Equal(["ent_1", "ent_2"], structured.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity_id").GetString()));
        // The text block carries the same JSON, as every Strata tool result does.
        using var text = JsonDocument.Parse(result.GetProperty("content")[0].GetProperty("text").GetString()!);
        Assert.Equal(structured.GetRawText(), text.RootElement.GetRawText());
    }
}
