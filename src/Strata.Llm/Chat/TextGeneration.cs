using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Core.Errors;
using Strata.Core.Llm;
using Strata.Core.Memory.Sections;
using Strata.Core.Storage;
using Strata.Llm.Accounting;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Llm.Runs;

namespace Strata.Llm.Chat;

/// <summary>
/// One call for model-written text, outside any run: the user's model and key as a run would choose them, a call slot,
/// the monthly budget checked before and the usage recorded after (tokens spent on an unusable answer are spent). The
/// answer is a forced structured call with one string per asked-for field; the adapters' tolerant reader already takes
/// fenced or wrapped JSON, and an answer that still yields none of the fields fails with the raw answer kept.
/// </summary>
internal sealed class TextGeneration(
    IStrataStore store,
    LlmOptions options,
    LlmRunOptions runOptions,
    LlmClientFactory clients,
    ILlmCallSlots slots,
    LlmRunPorts ports,
    TimeProvider clock)
{
    private const string ToolName = "record_text";

    public async Task<GeneratedText> WriteAsync(string userId, TextRequest request, CancellationToken cancellationToken)
    {
        RunModel.Choice chosen;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            chosen = await RunModel.ChooseAsync(read, null, null, await read.Schemas.ListLatestAsync(cancellationToken), options,
                ports.Keys is not null, cancellationToken);
        }
        if (!options.Providers.TryGetValue(chosen.Model.Provider.Name, out var provider))
        {
            throw new StrataException(ErrorCodes.LlmNotConfigured, LlmInterpreter.NotConfiguredMessage);
        }
        var model = chosen.Model.Model.Model;
        var client = new SlotBoundLlmClient(clients.Create(provider, await RunModel.UserKeyAsync(store, ports.Keys, userId, provider.Name, cancellationToken)),
            slots, userId, runOptions.Calls, runOptions.SlotPoll, clock);
        var call = new ExtractionRequest(model, request.Instructions, request.Input, ToolName, Schema(request.Fields), request.MaxTokens)
        {
            ToolDescription = "Record the text you were asked to write, one string per field.",
            Temperature = runOptions.Temperature,
        };
        var reserve = CallCost.Of(new TokenUsage(Core.Extraction.Packing.TokenEstimate.Of(request.Instructions) + Core.Extraction.Packing.TokenEstimate.Of(request.Input), request.MaxTokens, 0, 0),
            model, options.Prices) ?? 0m;
        await ports.Usage.EnsureWithinBudgetAsync(userId, reserve, cancellationToken);
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
        await ports.Usage.RecordAsync(new LlmCallUsage(userId, null, [], provider.Name, model, response.Usage.Input, response.Usage.Output,
            response.Usage.CacheRead, response.Usage.CacheWrite, CallCost.Of(response.Usage, model, options.Prices), response.Latency,
            fields.Count > 0 ? "ok" : "parse_failed", clock.GetUtcNow()), cancellationToken);
        if (fields.Count == 0)
        {
            throw new GenerationFailedException(
                $"The answer for {request.Purpose} held none of {string.Join(", ", request.Fields)}{(response.ParseError is { } why ? $" ({why})" : "")}.",
                response.RawText);
        }
        return new GeneratedText(fields, $"{provider.Name}/{model}");
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
