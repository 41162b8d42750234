using System.Text;
using Strata.Core.Operations;

namespace Strata.Cli.Output;

/// <summary>Relations as a person reads them: one line each, "from --type--> to", with validity and the run it came from.</summary>
internal static class GraphText
{
    public static string Of(RelationList list)
    {
        var text = new StringBuilder($"{Plural.Count(list.Relations.Count, "relation")} of {list.EntityId} at {list.AsOf:u}\n");
        foreach (var relation in list.Relations) text.Append(Line(relation));
        return text.ToString();
    }

    public static string Of(NeighbourhoodView view)
    {
        var text = new StringBuilder($"{Plural.Count(view.Nodes.Count, "entity")} within {view.Depth} of {view.EntityId} at {view.AsOf:u}");
        if (view.NodeLimitReached) text.Append(" (entity limit reached)");
        if (view.EdgeLimitReached) text.Append(" (relation limit reached)");
        text.Append('\n');
        foreach (var node in view.Nodes) text.Append($"  [{node.Distance}] {node.Name} ({node.EntityType}) {node.EntityId}\n");
        foreach (var relation in view.Edges) text.Append(Line(relation));
        return text.ToString();
    }

    public static string Of(PathView path)
    {
        if (!path.Found)
        {
            return $"no path from {path.FromEntityId} to {path.ToEntityId} within {path.MaxDepth}"
                + (path.SearchLimitReached ? " (search limit reached before it could tell)" : "") + "\n";
        }
        var text = new StringBuilder($"{Plural.Count(path.Edges.Count, "step")} from {path.FromEntityId} to {path.ToEntityId}\n");
        foreach (var relation in path.Edges) text.Append(Line(relation));
        return text.ToString();
    }

    private static string Line(RelationView r)
    {
        var validity = r.ValidFrom is null && r.ValidTo is null ? "" : $" [{r.ValidFrom:yyyy-MM-dd}..{r.ValidTo:yyyy-MM-dd}]";
        return $"  {r.FromName} --{r.RelationType}--> {r.ToName}{validity} (run {r.Provenance.RunId})\n";
    }
}
