using Strata.Core.Operations;
using Strata.Core.Relations;

namespace Strata.Server.Operations;

/// <summary>Reading the graph of relations (docs/graph.md): current by default, as it held at any time with as_of.</summary>
public static class GraphOperations
{
    private static readonly Parameter AsOf = new("as_of", ParameterType.String,
        "A time (ISO 8601): the relations as they held then, as far as Strata knows now. Default: now.");

    public static readonly StrataOperation ListRelations = new("list_relations", "An entity's relations",
        "The relations of an entity that hold now (or at as_of), in both directions unless direction is out or in, optionally of one "
        + "relation_type (a declared inverse such as employs reads works_at backwards). Each comes with both ends' names, its "
        + "properties, its validity and its provenance (the observation, run and source it came from).",
        OperationTraits.Read,
        [
            CommonParameters.EntityId(),
            new("relation_type", ParameterType.String, "Only relations of this type, or of the type it is the inverse of."),
            new("direction", ParameterType.String, "both (default), out (from this entity) or in (to it)."),
            AsOf,
        ],
        () => StrataJson.Wire.RelationList,
        async (call, ct) => OperationResult.Of(
            await call.Services.Graph.RelationsAsync(call.UserId, call.Arguments.RequiredString("entity_id"), call.Arguments.String("relation_type"),
                call.Arguments.String("direction"), TimeArgument.Parse(call.Arguments.String("as_of")), ct),
            StrataJson.Wire.RelationList))
    {
        Route = HttpRoute.Get("/v1/entities/{entity_id}/relations"),
    };

    public static readonly StrataOperation GetNeighbourhood = new("get_neighbourhood", "An entity's neighbourhood",
        $"The entities within depth relations of an entity (either direction; depth 1-{GraphQueryService.MaxDepth}, default 1) and the "
        + "relations between them, now or at as_of. The answer stops at max_nodes and max_edges and says so "
        + "(node_limit_reached, edge_limit_reached): it is never silently partial.",
        OperationTraits.Read,
        [
            CommonParameters.EntityId(),
            new("depth", ParameterType.Integer, $"How many relations away (1-{GraphQueryService.MaxDepth}, default 1).") { Minimum = 1, Maximum = GraphQueryService.MaxDepth },
            new("max_nodes", ParameterType.Integer, $"At most this many entities (1-{GraphQueryService.MaxNodes}, default 100).") { Minimum = 1, Maximum = GraphQueryService.MaxNodes },
            new("max_edges", ParameterType.Integer, $"At most this many relations (1-{GraphQueryService.MaxEdges}, default 500).") { Minimum = 1, Maximum = GraphQueryService.MaxEdges },
            AsOf,
        ],
        () => StrataJson.Wire.NeighbourhoodView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Graph.NeighbourhoodAsync(call.UserId, call.Arguments.RequiredString("entity_id"), call.Arguments.Int("depth"),
                call.Arguments.Int("max_nodes"), call.Arguments.Int("max_edges"), TimeArgument.Parse(call.Arguments.String("as_of")), ct),
            StrataJson.Wire.NeighbourhoodView))
    {
        Route = HttpRoute.Get("/v1/entities/{entity_id}/neighbourhood"),
    };

    public static readonly StrataOperation FindPath = new("find_path", "The shortest path between two entities",
        $"The shortest chain of relations (followed in either direction) from one entity to another, at most max_depth long (1-{GraphQueryService.MaxPathDepth}, "
        + "default 4), now or at as_of. found is false when there is none that short; search_limit_reached says the search stopped "
        + $"after {GraphQueryService.PathSearchNodes} entities before it could tell.",
        OperationTraits.Read,
        [
            new("from_entity_id", ParameterType.String, "Where the path starts (ent_...).", Required: true),
            new("to_entity_id", ParameterType.String, "Where it ends (ent_...).", Required: true),
            new("max_depth", ParameterType.Integer, $"At most this many relations (1-{GraphQueryService.MaxPathDepth}, default 4).") { Minimum = 1, Maximum = GraphQueryService.MaxPathDepth },
            AsOf,
        ],
        () => StrataJson.Wire.PathView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Graph.PathAsync(call.UserId, call.Arguments.RequiredString("from_entity_id"), call.Arguments.RequiredString("to_entity_id"),
                call.Arguments.Int("max_depth"), TimeArgument.Parse(call.Arguments.String("as_of")), ct),
            StrataJson.Wire.PathView))
    {
        Route = HttpRoute.Get("/v1/paths"),
    };
}
