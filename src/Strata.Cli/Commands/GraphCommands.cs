using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>strata graph relations | neighbourhood | path</c>: reading relations, now or <c>--as-of</c> any time.</summary>
internal static class GraphCommands
{
    public static Command Graph() => new("graph", "Relations between entities: an entity's relations, its neighbourhood, the path between two.")
    {
        Relations(), Neighbourhood(), Path(),
    };

    private static Option<string?> AsOf() => new("--as-of") { Description = "As the relations held at this time (ISO 8601). Default: now." };

    private static Command Relations()
    {
        var id = new Argument<string>("ENTITY_ID");
        var type = new Option<string?>("--type") { Description = "Only relations of this type (or of the type it is the declared inverse of)." };
        var direction = new Option<string?>("--direction") { Description = "both (default), out or in." };
        var asOf = AsOf();
        var command = new Command("relations", "An entity's relations, with both ends' names and their provenance.") { id, type, direction, asOf };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Graph.RelationsAsync(context.UserId, parse.GetValue(id)!, parse.GetValue(type), parse.GetValue(direction),
                EntityCommands.ParseTime(parse.GetValue(asOf)), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.RelationList, GraphText.Of);
            return 0;
        }));
        return command;
    }

    private static Command Neighbourhood()
    {
        var id = new Argument<string>("ENTITY_ID");
        var depth = new Option<int?>("--depth") { Description = "How many relations away (1-3, default 1)." };
        var maxNodes = new Option<int?>("--max-nodes") { Description = "At most this many entities (default 100)." };
        var maxEdges = new Option<int?>("--max-edges") { Description = "At most this many relations (default 500)." };
        var asOf = AsOf();
        var command = new Command("neighbourhood", "The entities within --depth relations of an entity, and the relations between them.")
        {
            id, depth, maxNodes, maxEdges, asOf,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Graph.NeighbourhoodAsync(context.UserId, parse.GetValue(id)!, parse.GetValue(depth),
                parse.GetValue(maxNodes), parse.GetValue(maxEdges), EntityCommands.ParseTime(parse.GetValue(asOf)), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.NeighbourhoodView, GraphText.Of);
            return 0;
        }));
        return command;
    }

    private static Command Path()
    {
        var from = new Argument<string>("FROM_ENTITY_ID");
        var to = new Argument<string>("TO_ENTITY_ID");
        var maxDepth = new Option<int?>("--max-depth") { Description = "At most this many relations (1-6, default 4)." };
        var asOf = AsOf();
        var command = new Command("path", "The shortest chain of relations between two entities.") { from, to, maxDepth, asOf };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Graph.PathAsync(context.UserId, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(maxDepth),
                EntityCommands.ParseTime(parse.GetValue(asOf)), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.PathView, GraphText.Of);
            return 0;
        }));
        return command;
    }
}
