using Strata.Core.Agent;
using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>The calling agent as interpreter: read a source's text, then submit what was extracted from it.</summary>
public static class AgentOperations
{
    public static readonly StrataOperation GetSourceContent = new("get_source_content", "Read a source's text",
        "A stored source's text, one page at a time, so you can interpret it yourself (then submit_interpretation). "
        + $"Offsets and lengths count UTF-16 characters, as evidence offsets do. length defaults to {SourceContentService.DefaultLength} "
        + $"and is at most {SourceContentService.MaxLength}; the answer has total_length and next_offset (null at the end).",
        OperationTraits.Read,
        [
            new("source_id", ParameterType.String, "The source's id (src_...).", Required: true),
            new("offset", ParameterType.Integer, "Where the page starts (default 0)."),
            new("length", ParameterType.Integer, $"How many characters to return (default {SourceContentService.DefaultLength}, at most {SourceContentService.MaxLength})."),
        ],
        () => StrataJson.Wire.SourceContentView,
        async (call, ct) => OperationResult.Of(
            await call.Services.SourceContent.ReadAsync(call.UserId, call.Arguments.RequiredString("source_id"),
                call.Arguments.Int("offset") ?? 0, call.Arguments.Int("length"), ct),
            StrataJson.Wire.SourceContentView))
    {
        Route = HttpRoute.Get("/v1/sources/{source_id}/content"),
    };

    public static readonly StrataOperation SubmitInterpretation = new("submit_interpretation", "Submit your interpretation of a source",
        "Record what you extracted from a source you read (get_source_content) as a new interpretation run of it: interpreter agent, "
        + "with your name and model in its config. Each entity is an object with entity_type and field values, like ingest_structured, "
        + "plus optional evidence: a short quote from the source for the entity, or an object of quotes by field "
        + "({\"email\": \"write to ada@example.com\"}). Each quote is located in the source and its character range recorded on the "
        + "observation (evidence_found false when it is not there). Values the schema does not take are kept as unknown fields; "
        + "entities resolve by the schema's identity rules; corrections keep outranking these values. Optional relations between them: "
        + "{\"from\": 0, \"relation_type\": \"works_at\", \"to\": 1} (an index into entities or an entity id; see ingest_structured).",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: false),
        [
            new("source_id", ParameterType.String, "The source you interpreted (src_...).", Required: true),
            new("entities", ParameterType.Array, "The entities: objects with entity_type, field values and optionally evidence.", Required: true)
            {
                Items = ParameterType.Object,
            },
            new("interpreter", ParameterType.String, "Your name as the interpreter, e.g. claude-code.", Required: true),
            new("model", ParameterType.String, "The model you run on, if you know it."),
            new("relations", ParameterType.Array, "Relations between entities: from and to (an index into entities or an entity id), relation_type, "
                + "optionally properties, valid_from, valid_to, retract.")
            {
                Items = ParameterType.Object,
            },
        ],
        () => StrataJson.Wire.AgentInterpretationResult,
        async (call, ct) => OperationResult.Of(
            await call.Services.AgentInterpretations.SubmitAsync(call.UserId, new AgentInterpretationRequest(
                call.Arguments.RequiredString("source_id"),
                call.Arguments.Element("entities")!.Value.EnumerateArray().ToList(),
                call.Arguments.RequiredString("interpreter"),
                call.Arguments.String("model"),
                call.Arguments.Element("relations")?.EnumerateArray().ToList()), ct),
            StrataJson.Wire.AgentInterpretationResult,
            created: true))
    {
        Route = HttpRoute.Post("/v1/sources/{source_id}/interpretations"),
        AnswersCreated = true,
    };
}
