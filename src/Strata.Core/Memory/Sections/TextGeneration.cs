using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Core.Extraction;
using Strata.Core.Extraction.Packing;
using Strata.Core.Llm;
using Strata.Core.Llm.Calls;

namespace Strata.Core.Memory.Sections;

/// <summary>
/// One call for model-written text, outside any run: the user's model and key as a run would choose them, a call slot,
/// the monthly budget checked before and the usage recorded after (tokens spent on an unusable answer are spent). The
/// answer is a forced structured call with one string per asked-for field; the adapters' tolerant reader already takes
/// fenced or wrapped JSON, and an answer that still yields none of the fields fails with the raw answer kept.
/// </summary>
public sealed class TextGeneration(LlmRunKit kit)
{
    private const string ToolName = "record_text";

    /// <summary>One model call for text on behalf of <paramref name="userId"/>. Throws <see cref="GenerationFailedException"/>
    /// when the call fails or its answer holds none of the fields (with the raw answer), <c>LLM_NOT_CONFIGURED</c> without a model.</summary>
    public async Task<GeneratedText> WriteAsync(string userId, TextRequest request, CancellationToken cancellationToken)
    {
        RunModel.Choice chosen;
        await using (var read = await kit.Store.OpenReadAsync(userId, cancellationToken))
        {
            chosen = await RunModel.ChooseAsync(read, null, null, await read.Schemas.ListLatestAsync(cancellationToken), kit.Models,
                kit.Keys is not null, cancellationToken);
        }
        var provider = chosen.Model.Provider;
        var model = chosen.Model.Model;
        var runOptions = kit.RunOptions;
        var client = new SlotBoundLlmClient(kit.Models.Client(provider, await RunModel.UserKeyAsync(kit.Store, kit.Keys, userId, provider, cancellationToken)),
            kit.Slots, userId, runOptions.Calls, runOptions.SlotPoll, kit.Clock);
        var call = new ExtractionRequest(model, request.Instructions, request.Input, ToolName, Schema(request.Fields), request.MaxTokens)
        {
            ToolDescription = "Record the text you were asked to write, one string per field.",
            Temperature = runOptions.Temperature,
        };
        var reserve = kit.Models.Cost(new TokenUsage(TokenEstimate.Of(request.Instructions) + TokenEstimate.Of(request.Input), request.MaxTokens, 0, 0),
            model) ?? 0m;
        await kit.Usage.EnsureWithinBudgetAsync(userId, reserve, cancellationToken);
        ExtractionResponse response;
        try
        {
            response = await client.ExtractAsync(call, cancellationToken);
        }
        catch (LlmCallException failed)
        {
            throw new GenerationFailedException($"{failed.Code}: {failed.Message}", failed.RawText);
        }
        var fields = Fields(response.Input, request.Fields);
        await kit.Usage.RecordAsync(new LlmCallUsage(userId, null, [], provider, model, response.Usage.Input, response.Usage.Output,
            response.Usage.CacheRead, response.Usage.CacheWrite, kit.Models.Cost(response.Usage, model), response.Latency,
            fields.Count > 0 ? "ok" : "parse_failed", kit.Clock.GetUtcNow()), cancellationToken);
        if (fields.Count == 0)
        {
            throw new GenerationFailedException(
                $"The answer for {request.Purpose} held none of {string.Join(", ", request.Fields)}{(response.ParseError is { } why ? $" ({why})" : "")}.",
                response.RawText);
        }
        return new GeneratedText(fields, $"{provider}/{model}");
    }

    private static Dictionary<string, string> Fields(JsonElement? input, IReadOnlyList<string> wanted)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input is not { ValueKind: JsonValueKind.Object } answer) return fields;
        foreach (var name in wanted)
        {
            if (answer.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                fields[name] = value.GetString()!.Trim();
            }
        }
        return fields;
    }

    private static JsonElement Schema(IReadOnlyList<string> fields)
    {
        var properties = new JsonObject();
        foreach (var field in fields) properties[field] = new JsonObject { ["type"] = "string" };
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(fields.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
            ["additionalProperties"] = false,
        };
        return JsonDocument.Parse(schema.ToJsonString()).RootElement.Clone();
    }
}
