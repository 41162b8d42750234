using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Recall;

namespace Strata.Server.Operations;

/// <summary>recall: ranked evidence for a question from messages, blocks and entities (docs/recall.md).</summary>
public static class RecallOperations
{
    public static readonly StrataOperation Recall = new("recall", "Recall evidence for a question",
        "Ask a question in your own words and get ranked evidence from your memory: chat messages (imported exports and message "
        + "files), document blocks and entities — each with its text, its fused score and the score of every signal that found it "
        + "(bm25, expansion, neighbour, reply, time, recency, entity, relation, observation, vector), and its provenance down to characters (a message's conversation_id, "
        + "message_id, speaker and time; a block's document and block_uid; an entity's field observations). Also a context string "
        + "within token_budget citing each piece, ready for a prompt. A question naming a time (\"last spring\", \"in May 2023\", "
        + "\"two weeks ago\") boosts messages from then. partial is true, with partial_reasons, whenever something was not searched "
        + "or a bound cut the search short.",
        OperationTraits.Read,
        [
            new("query", ParameterType.String, "The question (at most 2000 characters).", Required: true),
            new("k", ParameterType.Integer, "How many results (1-100; default 10).") { Minimum = 1, Maximum = 100 },
            new("kinds", ParameterType.Array, "Which layers: any of message, block, entity, relation, observation (default message, block, entity, relation).") { Items = ParameterType.String },
            new("project", ParameterType.String, "Only this project's documents and messages (its id or name)."),
            new("from", ParameterType.String, "Only messages at or after this time (ISO 8601)."),
            new("to", ParameterType.String, "Only messages before this time (ISO 8601)."),
            new("as_of", ParameterType.String, "Answer as things stood then: later messages are left out, and times the question names are read from it."),
            new("token_budget", ParameterType.Integer, "Tokens the context string may use (50-100000; default 2000).") { Minimum = 50, Maximum = 100_000 },
        ],
        () => StrataJson.Wire.RecallAnswer,
        async (call, ct) =>
        {
            var args = call.Arguments;
            var request = new RecallRequest(args.RequiredString("query"), args.Int("k"), Kinds(args.Element("kinds")), args.String("project"),
                TimeArgument.Parse(args.String("from")), TimeArgument.Parse(args.String("to")), TimeArgument.Parse(args.String("as_of")),
                args.Int("token_budget"));
            return OperationResult.Of(await call.Services.Recall.RecallAsync(call.UserId, request, ct), StrataJson.Wire.RecallAnswer);
        })
    {
        Route = HttpRoute.Post("/v1/recall"),
    };

    private static List<string>? Kinds(JsonElement? kinds) => kinds?.EnumerateArray().Select(k => k.ValueKind == JsonValueKind.String
        ? k.GetString()!
        : throw StrataException.Validation("kinds must be a list of strings: message, block, entity, relation, observation.")).ToList();
}
