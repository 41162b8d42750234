using System.Text.Json;

namespace Strata.Core.Agent;

/// <summary><c>submit_interpretation</c>: what an agent extracted from a source it read itself.</summary>
/// <param name="Entities">Objects with an <c>entity_type</c>, field values (inline or under <c>fields</c>) and optionally
/// <c>evidence</c>: a quote for the entity, or quotes by field.</param>
/// <param name="Agent">Who interpreted (e.g. <c>claude-code</c>), recorded in the run's config.</param>
/// <param name="Model">The model behind the agent, when it knows it; recorded in the run's config.</param>
/// <param name="Relations">Relations between entities (docs/graph.md), each end an entity id or the index of one of
/// <paramref name="Entities"/>; written by the same run, at interpretation priority.</param>
public sealed record AgentInterpretationRequest(string SourceId, IReadOnlyList<JsonElement> Entities, string Agent, string? Model,
    IReadOnlyList<JsonElement>? Relations = null);
